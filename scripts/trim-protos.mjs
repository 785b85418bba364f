// Builds descriptor sets holding only the services a client calls and every type they reach,
// and the esbuild plugin that gives each bundled client its set. @google-cloud/aiplatform parses
// its whole 4.2 MB protos.json (v1 and v1beta1, every service) each time a client is created,
// synchronously; the first page of the Training Jobs view waits on that parse.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');

/** Wire-level types that clients decode from error details and operations, kept when present. */
const WHEN_PRESENT = [
  'google.protobuf.Any', 'google.protobuf.Empty', 'google.rpc.Status', 'google.rpc.BadRequest', 'google.rpc.ErrorInfo',
  'google.rpc.QuotaFailure', 'google.rpc.Help', 'google.rpc.LocalizedMessage', 'google.rpc.RetryInfo', 'google.rpc.DebugInfo',
  'google.rpc.PreconditionFailure', 'google.rpc.ResourceInfo', 'google.rpc.RequestInfo', 'google.longrunning.Operation',
];

export function trimProtos(fullJson, serviceNames) {
  const root = protobuf.Root.fromJSON(fullJson);
  root.resolveAll();
  const keep = new Set();
  const visit = (t) => {
    if (!t || keep.has(t)) return;
    keep.add(t);
    if (t instanceof protobuf.Service) {
      for (const m of t.methodsArray) {
        visit(m.resolvedRequestType);
        visit(m.resolvedResponseType);
        for (const option of m.parsedOptions ?? []) {
          const info = option['(google.longrunning.operation_info)'];
          for (const name of info ? [info.response_type, info.metadata_type] : []) {
            if (name) visit(t.parent.lookup(name) ?? root.lookup(name));
          }
        }
      }
    }
    if (t instanceof protobuf.Type) {
      for (const f of t.fieldsArray) visit(f.resolvedType);
      for (const n of t.nestedArray) visit(n);
    }
    if (t.parent instanceof protobuf.Type) visit(t.parent);
  };
  for (const name of serviceNames) {
    const t = root.lookup(name);
    if (!t) throw new Error(`trimProtos: ${name} is not in the descriptor set`);
    visit(t);
  }
  for (const name of WHEN_PRESENT) visit(root.lookup(name));
  const prune = (ns, json) => {
    const out = { ...json };
    if (!json.nested) return out;
    out.nested = {};
    for (const [key, value] of Object.entries(json.nested)) {
      const child = ns.nested?.[key];
      if (!child) continue;
      if (child instanceof protobuf.Service || child instanceof protobuf.Type || child instanceof protobuf.Enum) {
        if (keep.has(child)) out.nested[key] = child instanceof protobuf.Type && value.nested ? prune(child, value) : value;
      } else {
        const pruned = prune(child, value);
        if (pruned.nested && Object.keys(pruned.nested).length > 0) out.nested[key] = pruned;
      }
    }
    if (Object.keys(out.nested).length === 0) delete out.nested;
    return out;
  };
  return prune(root, fullJson);
}

const SCRIPT = fileURLToPath(import.meta.url);

/** The services of google-gax's own descriptor sets, which every client's mixins and LRO client load. */
const GAX_PROTO_SERVICES = {
  iam_service: 'google.iam.v1.IAMPolicy',
  locations: 'google.cloud.location.Locations',
  operations: 'google.longrunning.Operations',
};

/** The set of `services` from `source` as `outDir/name.json`, rebuilt only when its inputs change. */
function trimmedSetFile(outDir, name, source, services) {
  const target = resolve(outDir, `${name}.json`);
  const stale = (file) => statSync(target).mtimeMs < statSync(file).mtimeMs;
  if (!existsSync(target) || stale(source) || stale(SCRIPT)) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(target, JSON.stringify(trimProtos(JSON.parse(readFileSync(source, 'utf8')), services)));
  }
  return target;
}

/**
 * The project switch uses the v3 ProjectsClient only; the package's set also holds Folders,
 * Organizations and the four Tag services (200 KB, about 200 ms to parse under load).
 */
function resourceManagerSet(outDir, importer) {
  if (!/[\\/]v3[\\/]projects_client\.js$/.test(importer)) return { errors: [{ text: `No trimmed descriptor set for ${importer}` }] };
  const source = require.resolve('@google-cloud/resource-manager/build/protos/protos.json');
  return { path: trimmedSetFile(outDir, 'resourcemanager-Projects', source, ['google.cloud.resourcemanager.v3.Projects', 'google.longrunning.Operations']) };
}

/**
 * esbuild plugin: each aiplatform client gets the set of its own service
 * (`v1/job_service_client.js`: JobService, a third of all six), and gax's IAM, Locations and
 * Operations sets lose google.protobuf's descriptor types (two thirds of them), which nothing
 * reads at runtime; Resource Manager's ProjectsClient gets the Projects service alone. Sets are
 * cached under `outDir`.
 */
export function trimmedProtoSets(outDir = 'out/protos') {
  return {
    name: 'trimmed-proto-sets',
    setup(build) {
      build.onResolve({ filter: /protos\/protos\.json$/ }, (args) => {
        if (args.importer.includes('@google-cloud/resource-manager')) return resourceManagerSet(outDir, args.importer);
        if (!args.importer.includes('@google-cloud/aiplatform')) return undefined;
        const client = /[\\/]v1[\\/]([a-z_]+)_client\.js$/.exec(args.importer)?.[1];
        if (!client) return { errors: [{ text: `No trimmed descriptor set for ${args.importer}` }] };
        const service = client.replace(/(^|_)([a-z])/g, (_, __, c) => c.toUpperCase());
        const source = require.resolve('@google-cloud/aiplatform/build/protos/protos.json');
        return { path: trimmedSetFile(outDir, `aiplatform-${service}`, source, [`google.cloud.aiplatform.v1.${service}`, 'google.longrunning.Operations']) };
      });
      build.onResolve({ filter: /^\.\.\/protos\/(iam_service|locations|operations)\.json$/ }, (args) => {
        if (!/[\\/]google-gax[\\/]build[\\/]src[\\/]/.test(args.importer)) return undefined;
        const name = /([a-z_]+)\.json$/.exec(args.path)[1];
        return { path: trimmedSetFile(outDir, `gax-${name}`, join(dirname(args.importer), args.path), [GAX_PROTO_SERVICES[name]]) };
      });
    },
  };
}
