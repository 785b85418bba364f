import { randomUUID } from 'node:crypto';
import type { Emulator } from '../core/emulator';
import type { Store } from '../state/store';
import type { JsonObject, JsonValue } from '../core/json';
import { cloneJson, isJsonObject } from '../core/json';
import { ApiError, Code, invalidArgument, notFound } from '../core/errors';
import { compileFilter } from '../core/list-filter';
import { paginate, withNextPage } from '../core/paging';
import { projectId, projectNumber } from '../core/resource-names';
import { createBucket, getBucket, parseGsUri } from '../storage/objects';
import { pageRequest } from './rest-dispatch';

/**
 * Cloud Build v1 builds, keyed by `{projectId}/{location}/{id}` (the legacy
 * `/v1/projects/{p}/builds` API is location `global`), each with the operation that
 * CreateBuild returned. Operations live in their own collection and carry the build in
 * BuildOperationMetadata until it ends.
 */
export const BUILDS = 'cloudbuild.builds';
export const BUILD_OPERATIONS = 'cloudbuild.operations';
const TYPE = 'type.googleapis.com/google.devtools.cloudbuild.v1';

export interface StoredBuild {
  build: JsonObject;
  operation: string;
}

export const TERMINAL = new Set(['SUCCESS', 'FAILURE', 'INTERNAL_ERROR', 'TIMEOUT', 'CANCELLED', 'EXPIRED']);

export function buildKey(store: Store, project: string, location: string, id: string): string {
  return `${projectId(store, project)}/${location}/${id}`;
}

/** Expands $PROJECT_ID, $BUILD_ID, $LOCATION, $PROJECT_NUMBER and user `_SUBSTITUTIONS`. */
function substitute(value: JsonValue, vars: Record<string, string>): JsonValue {
  if (typeof value === 'string') {
    return value.replace(/\$(?:\{([A-Z_][A-Z0-9_]*)\}|([A-Z_][A-Z0-9_]*))/g, (all, a?: string, b?: string) => vars[a ?? b ?? ''] ?? all);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  return value;
}

function validate(store: Store, body: JsonObject): void {
  const steps = body.steps;
  if (!Array.isArray(steps) || steps.length === 0) throw invalidArgument('invalid build: build must have at least one step', [{ field: 'build.steps', description: 'at least one step is required' }]);
  steps.forEach((step, i) => {
    if (!isJsonObject(step) || typeof step.name !== 'string' || step.name.trim() === '') {
      throw invalidArgument(`invalid build: invalid build step name "": build step ${i} must have a name`, [{ field: `build.steps[${i}].name`, description: 'required' }]);
    }
  });
  const source = isJsonObject(body.source) ? body.source : undefined;
  const storageSource = source && isJsonObject(source.storageSource) ? source.storageSource : undefined;
  if (source && !storageSource) throw invalidArgument('invalid build: only source.storageSource is supported by this emulator');
  if (storageSource && (typeof storageSource.bucket !== 'string' || typeof storageSource.object !== 'string')) {
    throw invalidArgument('invalid build: source.storageSource needs bucket and object', [{ field: 'build.source.storage_source', description: 'bucket and object are required' }]);
  }
  if (typeof body.logsBucket === 'string') {
    const parsed = parseGsUri(body.logsBucket);
    if (!parsed || !getBucket(store, parsed.bucket)) {
      throw invalidArgument(`invalid build: logs bucket "${body.logsBucket}" does not exist`, [{ field: 'build.logs_bucket', description: 'must be an existing gs:// bucket' }]);
    }
  }
}

/** CreateBuild: stores the build QUEUED and returns its operation (not done). */
export function createBuild(emu: Emulator, project: string, location: string, body: JsonObject, legacyApi: boolean): { operation: JsonObject; key: string } {
  const store = emu.store;
  validate(store, body);
  const id = randomUUID();
  const pid = projectId(store, project);
  const number = projectNumber(store, project);
  const vars: Record<string, string> = {
    PROJECT_ID: pid,
    PROJECT_NUMBER: number,
    BUILD_ID: id,
    LOCATION: location,
    ...(isJsonObject(body.substitutions) ? (body.substitutions as Record<string, string>) : {}),
  };
  const logsBucket = typeof body.logsBucket === 'string' ? body.logsBucket : `gs://${number}.cloudbuild-logs.googleusercontent.com`;
  const logsParsed = parseGsUri(logsBucket);
  if (logsParsed && !getBucket(store, logsParsed.bucket)) createBucket(store, pid, logsParsed.bucket, { location: 'US' });
  const now = new Date().toISOString();
  const build: JsonObject = {
    ...cloneJson(body),
    name: `projects/${number}/locations/${location}/builds/${id}`,
    id,
    projectId: pid,
    status: 'QUEUED',
    steps: substitute(body.steps ?? [], vars),
    ...(Array.isArray(body.images) ? { images: substitute(body.images, vars) } : {}),
    createTime: now,
    timeout: typeof body.timeout === 'string' ? body.timeout : '600s',
    queueTtl: typeof body.queueTtl === 'string' ? body.queueTtl : '3600s',
    logsBucket,
    options: { logging: 'LEGACY', ...(isJsonObject(body.options) ? body.options : {}) },
    logUrl:
      location === 'global'
        ? `https://console.cloud.google.com/cloud-build/builds/${id}?project=${number}`
        : `https://console.cloud.google.com/cloud-build/builds;region=${location}/${id}?project=${number}`,
    serviceAccount: typeof body.serviceAccount === 'string' ? body.serviceAccount : `projects/${pid}/serviceAccounts/${number}-compute@developer.gserviceaccount.com`,
  };
  const opName = legacyApi
    ? `operations/build/${pid}/${Buffer.from(id).toString('base64')}`
    : `projects/${number}/locations/${location}/operations/${randomUUID()}`;
  const operation: JsonObject = { name: opName, metadata: { '@type': `${TYPE}.BuildOperationMetadata`, build }, done: false };
  const key = buildKey(store, pid, location, id);
  store.put<StoredBuild>(BUILDS, key, { build, operation: opName });
  store.put(BUILD_OPERATIONS, opName, operation);
  return { operation: cloneJson(operation), key };
}

export function storedBuild(store: Store, key: string): StoredBuild {
  const found = store.collection<StoredBuild>(BUILDS).get(key);
  if (!found) throw notFound(`Build "${key.split('/').pop() ?? ''}" not found.`);
  return found;
}

/** Applies `patch` to a build and mirrors it into its operation, which ends with the build. */
export function updateBuild(store: Store, key: string, patch: (build: JsonObject) => void): JsonObject {
  const current = storedBuild(store, key);
  const build = cloneJson(current.build);
  patch(build);
  store.put<StoredBuild>(BUILDS, key, { ...current, build });
  const op: JsonObject = { name: current.operation, metadata: { '@type': `${TYPE}.BuildOperationMetadata`, build }, done: false };
  const status = String(build.status);
  if (TERMINAL.has(status)) {
    op.done = true;
    if (status === 'SUCCESS') op.response = { '@type': `${TYPE}.Build`, ...build };
    else if (status === 'CANCELLED') op.error = new ApiError(Code.CANCELLED, 'Build was cancelled').toStatusJson();
    else op.error = new ApiError(Code.UNKNOWN, 'Build failed; check build logs for details').toStatusJson();
  }
  store.put(BUILD_OPERATIONS, current.operation, op);
  return cloneJson(build);
}

export function getBuild(store: Store, project: string, location: string, id: string): JsonObject {
  return cloneJson(storedBuild(store, buildKey(store, project, location, id)).build);
}

/** ListBuilds: newest first, with the API's `filter` (e.g. `status="WORKING"`) and paging. */
export function listBuilds(store: Store, project: string, location: string, query: URLSearchParams): JsonObject {
  const prefix = `${projectId(store, project)}/${location}/`;
  const filter = query.get('filter') ?? '';
  const predicate = compileFilter(filter);
  const all = [...store.collection<StoredBuild>(BUILDS)]
    .filter(([key, { build }]) => key.startsWith(prefix) && predicate(build))
    .map(([, { build }]) => build)
    .sort((a, b) => (String(a.createTime) < String(b.createTime) ? 1 : String(a.createTime) > String(b.createTime) ? -1 : 0));
  const page = paginate(all, pageRequest(query), { defaultSize: 25, query: `${prefix}|${filter}` });
  return withNextPage({ builds: page.items.map((b) => cloneJson(b)) }, page);
}

export function getBuildOperation(store: Store, name: string): JsonObject {
  const op = store.collection<JsonObject>(BUILD_OPERATIONS).get(name);
  if (!op) throw notFound(`Operation "${name}" not found.`);
  return cloneJson(op);
}

/** The build key behind an operation name, for CancelOperation. */
export function buildKeyOfOperation(store: Store, name: string): string | undefined {
  for (const [key, stored] of store.collection<StoredBuild>(BUILDS)) if (stored.operation === name) return key;
  return undefined;
}

/** CancelBuild: a build still queued or working ends CANCELLED; a finished one is returned as is. */
export function cancelBuild(store: Store, key: string): JsonObject {
  const { build } = storedBuild(store, key);
  if (TERMINAL.has(String(build.status))) return cloneJson(build);
  return updateBuild(store, key, (b) => {
    b.status = 'CANCELLED';
    b.finishTime = new Date().toISOString();
    for (const step of (b.steps as JsonObject[] | undefined) ?? []) if (step.status === 'WORKING') step.status = 'CANCELLED';
  });
}
