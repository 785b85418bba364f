import type { Emulator } from '../core/emulator';
import type { HttpRoute } from '../core/http-route';
import { notFound } from '../core/errors';
import { projectNumber } from '../core/resource-names';
import { restRoute } from './rest-dispatch';
import type { RestCall, RestMethod } from './rest-dispatch';
import { BUILDS, BUILD_OPERATIONS, TERMINAL, buildKey, buildKeyOfOperation, cancelBuild, createBuild, getBuild, getBuildOperation, listBuilds } from './builds';
import type { StoredBuild } from './builds';
import { runBuild } from './runner';

const SERVICE = 'google.devtools.cloudbuild.v1.CloudBuild';
const PROJECT = '/v1/projects/(?<project>[^/]+)';
const LOCATION = `${PROJECT}/locations/(?<location>[^/]+)`;

/** The location of a call: the legacy `/v1/projects/{p}/builds` API is `global`. */
const locationOf = (call: RestCall) => call.params.location ?? 'global';

/**
 * Cloud Build v1 (builds create/get/list/cancel and their operations) under
 * `/cloudbuild/v1/...` and `/v1/...`. At `/v1/`, operation paths are answered only for
 * Cloud Build's own operations, since Vertex AI's share the same path shape.
 */
export function cloudBuildRoutes(emu: Emulator): HttpRoute {
  const store = emu.store;
  const ownOperation = (name: string) => store.collection(BUILD_OPERATIONS).has(name);
  const locationOpName = (p: Record<string, string>) => `projects/${projectNumber(store, p.project)}/locations/${p.location}/operations/${p.id}`;
  // After `--state` is loaded, builds that were still running start over.
  store.events.on('loaded', () => {
    for (const [key, { build }] of store.collection<StoredBuild>(BUILDS)) if (!TERMINAL.has(String(build.status))) runBuild(emu, key);
  });
  const methods: RestMethod[] = [];
  for (const base of [PROJECT, LOCATION]) {
    methods.push(
      {
        verb: 'POST',
        pattern: new RegExp(`^${base}/builds$`),
        id: `${SERVICE}.CreateBuild`,
        run: (call) => {
          const { operation, key } = createBuild(emu, call.params.project, locationOf(call), call.body, base === PROJECT);
          runBuild(emu, key);
          return operation;
        },
      },
      {
        verb: 'GET',
        pattern: new RegExp(`^${base}/builds$`),
        id: `${SERVICE}.ListBuilds`,
        run: (call) => listBuilds(store, call.params.project, locationOf(call), call.query),
      },
      {
        verb: 'GET',
        pattern: new RegExp(`^${base}/builds/(?<id>[^/:]+)$`),
        id: `${SERVICE}.GetBuild`,
        run: (call) => getBuild(store, call.params.project, locationOf(call), call.params.id),
      },
      {
        verb: 'POST',
        pattern: new RegExp(`^${base}/builds/(?<id>[^/:]+):cancel$`),
        id: `${SERVICE}.CancelBuild`,
        run: (call) => cancelBuild(store, buildKey(store, call.params.project, locationOf(call), call.params.id)),
      },
    );
  }
  methods.push(
    {
      verb: 'GET',
      pattern: /^\/v1\/(?<name>operations\/.+)$/,
      id: 'google.longrunning.Operations.GetOperation',
      atRoot: (p) => ownOperation(p.name),
      run: (call) => getBuildOperation(store, call.params.name),
    },
    {
      verb: 'GET',
      pattern: new RegExp(`^${LOCATION}/operations/(?<id>[^/:]+)$`),
      id: 'google.longrunning.Operations.GetOperation',
      atRoot: (p) => ownOperation(locationOpName(p)),
      run: (call) => getBuildOperation(store, locationOpName(call.params)),
    },
    {
      verb: 'POST',
      pattern: /^\/v1\/(?<name>operations\/.+):cancel$/,
      id: 'google.longrunning.Operations.CancelOperation',
      atRoot: (p) => ownOperation(p.name),
      run: (call) => cancelOperation(call.params.name),
    },
    {
      verb: 'POST',
      pattern: new RegExp(`^${LOCATION}/operations/(?<id>[^/:]+):cancel$`),
      id: 'google.longrunning.Operations.CancelOperation',
      atRoot: (p) => ownOperation(locationOpName(p)),
      run: (call) => cancelOperation(locationOpName(call.params)),
    },
  );

  function cancelOperation(name: string) {
    const key = buildKeyOfOperation(store, name);
    if (!key) throw notFound(`Operation "${name}" not found.`);
    cancelBuild(store, key);
    return {};
  }

  return restRoute(emu, '/cloudbuild', methods);
}
