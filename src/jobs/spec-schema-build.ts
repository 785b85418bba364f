// Builds schemas/vertex-job.schema.json from the protos shipped with @google-cloud/aiplatform,
// so the allowed fields, types and enums are the API's own. Run after upgrading the library:
//   npx tsx src/jobs/spec-schema-build.ts
// The `x-*` keywords carry the proto types for the validator; editors ignore them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
interface ProtoField { type: string; rule?: string; keyType?: string; options?: Record<string, unknown> }
interface ProtoNode { nested?: Record<string, ProtoNode>; fields?: Record<string, ProtoField>; values?: Record<string, number>;
  valuesOptions?: Record<string, { deprecated?: boolean }>; oneofs?: Record<string, { oneof: string[] }> }

const V1 = 'google.cloud.aiplatform.v1';
const PROTO_DIR = 'node_modules/@google-cloud/aiplatform/build/protos';
const WELL_KNOWN: Record<string, Json> = {
  'google.protobuf.Duration': { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$', examples: ['3600s'], 'x-proto-type': 'duration',
    description: 'A duration in seconds with an "s" suffix, for example "3600s" (1 hour) or "0.5s".' },
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time', 'x-proto-type': 'timestamp',
    description: 'An RFC 3339 timestamp, for example "2026-01-31T12:00:00Z".' },
  'google.protobuf.BoolValue': { type: 'boolean', 'x-proto-type': 'bool' },
  'google.protobuf.Int32Value': { type: 'integer', 'x-proto-type': 'int32' },
};
const SCALARS: Record<string, Json> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  int32: { type: 'integer' },
  int64: { type: ['integer', 'string'], pattern: '^-?[0-9]+$' },
  double: { type: 'number' },
  float: { type: 'number' },
};

/** Fields the user does not write: the server fills them in. */
function isOutputOnly(field: ProtoField): boolean {
  return field.options?.['(google.api.field_behavior)'] === 'OUTPUT_ONLY';
}

function v1Message(root: ProtoNode, name: string): ProtoNode {
  const found = lookup(root, [], name);
  if (found === undefined) {
    throw new Error(`${name} is not in the protos`);
  }
  return found.node;
}

function lookup(root: ProtoNode, scope: string[], name: string): { node: ProtoNode; path: string[] } | undefined {
  const parts = name.replace(/^\./, '').split('.');
  const base = name.startsWith('.') ? [] : scope;
  for (let i = base.length; i >= 0; i--) {
    let node: ProtoNode | undefined = root;
    for (const part of [...base.slice(0, i), ...parts]) {
      node = node?.nested?.[part];
    }
    if (node !== undefined) {
      return { node, path: [...base.slice(0, i), ...parts] };
    }
  }
  return undefined;
}

function definitionName(fullName: string): string {
  return fullName.startsWith(`${V1}.`) ? fullName.slice(V1.length + 1) : fullName;
}

function toCamel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `// comment` lines above each field and enum value of the .proto sources, keyed `Message.Nested.fieldName`. */
export function protoComments(protoDir: string): Map<string, string> {
  const comments = new Map<string, string>();
  const dir = join(protoDir, 'google/cloud/aiplatform/v1');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.proto'))) {
    const scope: (string | null)[] = [];
    let pending: string[] = [];
    for (const raw of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const line = raw.trim();
      const comment = /^\/\/ ?(.*)$/.exec(line);
      if (comment) {
        pending.push(comment[1]);
        continue;
      }
      const block = /^(message|enum|oneof)\s+(\w+)\s*\{/.exec(line);
      const field = /^(?:optional |repeated )?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+/.exec(line) ?? /^(\w+)\s*=\s*\d+/.exec(line);
      const owner = scope.filter((s): s is string => s !== null).join('.');
      if (block) {
        scope.push(block[1] === 'oneof' ? null : block[2]);
      } else if (field && owner !== '' && pending.length > 0) {
        comments.set(`${owner}.${/^[A-Z0-9_]+$/.test(field[1]) ? field[1] : toCamel(field[1])}`, cleanComment(pending));
      } else if (line.startsWith('}')) {
        scope.pop();
      }
      pending = [];
    }
  }
  return comments;
}

function cleanComment(lines: string[]): string {
  return lines.join('\n').replace(/\[([^\]]+)\]\[[\w.]*\]/g, '$1').replace(/\n(?!\n)/g, ' ').replace(/ {2,}/g, ' ').trim();
}

interface BuildState { root: ProtoNode; comments: Map<string, string>; definitions: Record<string, Json> }

function fieldSchema(state: BuildState, scope: string[], field: ProtoField): Json {
  let item: Json;
  const found = WELL_KNOWN[field.type] === undefined && SCALARS[field.type] === undefined
    ? lookup(state.root, scope, field.type) : undefined;
  if (WELL_KNOWN[field.type] !== undefined) {
    item = { ...WELL_KNOWN[field.type] };
  } else if (SCALARS[field.type] !== undefined) {
    item = { ...SCALARS[field.type], 'x-proto-type': field.type === 'float' ? 'double' : field.type };
  } else if (found !== undefined) {
    const name = definitionName(found.path.join('.'));
    if (found.node.values !== undefined) {
      addEnum(state, name, found.node);
    } else {
      addMessage(state, found.path);
    }
    item = { $ref: `#/definitions/${name}` };
  } else {
    throw new Error(`Unknown proto type ${field.type} in ${scope.join('.')}`);
  }
  if (field.keyType !== undefined) {
    return { type: 'object', additionalProperties: item, 'x-proto-type': 'map' };
  }
  return field.rule === 'repeated' ? { type: 'array', items: item } : item;
}

function addEnum(state: BuildState, name: string, node: ProtoNode): void {
  if (state.definitions[name] !== undefined) {
    return;
  }
  const values = node.values ?? {};
  const names = Object.keys(values);
  const deprecated = names.filter((n) => node.valuesOptions?.[n]?.deprecated === true);
  const descriptions = names.map((n) => state.comments.get(`${name}.${n}`) ?? '');
  state.definitions[name] = {
    type: 'string',
    enum: names,
    ...(descriptions.some((d) => d !== '') && { enumDescriptions: descriptions }),
    'x-proto-type': 'enum',
    'x-enum-numbers': values,
    ...(deprecated.length > 0 && { 'x-deprecated': deprecated }),
  };
}

function addMessage(state: BuildState, path: string[]): void {
  const name = definitionName(path.join('.'));
  if (state.definitions[name] !== undefined) {
    return;
  }
  const node = lookup(state.root, [], path.join('.'))?.node as ProtoNode;
  const schema: Json = { type: 'object', 'x-proto': path.join('.') };
  state.definitions[name] = schema;
  Object.assign(schema, messageBody(state, path, node, () => true));
}

function messageBody(state: BuildState, path: string[], node: ProtoNode, keep: (field: string) => boolean): Json {
  const name = definitionName(path.join('.'));
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const [field, def] of Object.entries(node.fields ?? {})) {
    if (isOutputOnly(def) || !keep(field)) {
      continue;
    }
    const description = state.comments.get(`${name}.${field}`);
    properties[field] = { ...fieldSchema(state, path, def), ...(description && { description }) };
    if (def.options?.['(google.api.field_behavior)'] === 'REQUIRED') {
      required.push(field);
    }
  }
  const oneofs = Object.entries(node.oneofs ?? {})
    .filter(([group, { oneof }]) => !group.startsWith('_') && oneof.some((f) => properties[f] !== undefined))
    .map(([group, { oneof }]) => [group, oneof.filter((f) => properties[f] !== undefined)]);
  return {
    properties,
    ...(required.length > 0 && { required }),
    additionalProperties: false,
    ...(oneofs.length > 0 && { 'x-oneofs': Object.fromEntries(oneofs) }),
  };
}

const JOB_FIELDS_IN_FILE = ['displayName', 'labels', 'encryptionSpec'];
const HP_FIELDS_ELSEWHERE = ['displayName', 'labels', 'encryptionSpec', 'trialJobSpec'];
const HP_COUNTS_DEFAULTED = ['maxTrialCount', 'parallelTrialCount'];

/** The whole file schema: CustomJobSpec fields at the top, plus the job's own fields and our local-only sections. */
export function buildSpecSchema(protos: ProtoNode, comments: Map<string, string>): Json {
  const state: BuildState = { root: protos, comments, definitions: {} };
  const v1 = V1.split('.');
  const jobSpec = messageBody(state, [...v1, 'CustomJobSpec'], v1Message(protos, `${V1}.CustomJobSpec`), () => true);
  const job = messageBody(state, [...v1, 'CustomJob'], v1Message(protos, `${V1}.CustomJob`), (f) => JOB_FIELDS_IN_FILE.includes(f));
  const hp = messageBody(state, [...v1, 'HyperparameterTuningJob'], v1Message(protos, `${V1}.HyperparameterTuningJob`),
    (f) => !HP_FIELDS_ELSEWHERE.includes(f));
  state.definitions.HyperparameterTuning = {
    type: 'object',
    'x-proto': `${V1}.HyperparameterTuningJob`,
    'x-proto-omits': HP_FIELDS_ELSEWHERE,
    description: 'Makes this file a HyperparameterTuningJob: the rest of the file is its trialJobSpec, and displayName, labels and encryptionSpec apply to the tuning job.',
    ...hp,
    // Required by the API, but gcloud (and the extension) send 1 when they are left out.
    required: (hp.required as string[]).filter((f) => !HP_COUNTS_DEFAULTED.includes(f)),
  };
  Object.assign(state.definitions, LOCAL_DEFINITIONS);
  const properties = {
    ...(jobSpec.properties as Json),
    ...(job.properties as Json),
    region: {
      type: 'string',
      pattern: '^[a-z]+-[a-z]+[0-9]+$',
      description: 'The Vertex AI region to run the job in, for example "us-central1". Not sent to the API: it picks the regional endpoint. Without it, the extension uses its configured default region.',
      'x-local': true,
    },
    hyperparameterTuning: { $ref: '#/definitions/HyperparameterTuning' },
    local: { $ref: '#/definitions/Local' },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'vertex-job.schema.json',
    title: 'Vertex AI training job spec (*.vertex.yaml, *.vertex.json)',
    description: 'A CustomJobSpec in the form `gcloud ai custom-jobs create --config` reads, plus the job\'s displayName and labels, an optional hyperparameterTuning block, and local-only sections. Generated from the @google-cloud/aiplatform protos by src/jobs/spec-schema-build.ts.',
    type: 'object',
    'x-proto': `${V1}.CustomJobSpec`,
    'x-proto-job': `${V1}.CustomJob`,
    'x-proto-job-fields': JOB_FIELDS_IN_FILE,
    properties,
    required: jobSpec.required,
    additionalProperties: false,
    definitions: Object.fromEntries(Object.entries(state.definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
}

const LOCAL_DEFINITIONS: Record<string, Json> = {
  Local: {
    type: 'object',
    'x-local': true,
    description: 'Local-only steps the extension runs before submitting; never sent to Vertex AI and stripped from the gcloud --config form.',
    properties: { build: { $ref: '#/definitions/LocalBuild' }, pythonPackage: { $ref: '#/definitions/LocalPythonPackage' } },
    additionalProperties: false,
  },
  LocalBuild: {
    type: 'object',
    'x-local': true,
    description: 'Build a container image from a Dockerfile and push it; use the same image URI in a worker pool\'s containerSpec.imageUri.',
    properties: {
      image: { type: 'string', 'x-proto-type': 'string', description: 'The image URI to tag and push, for example "us-central1-docker.pkg.dev/PROJECT/REPO/trainer:${git.sha}".' },
      context: { type: 'string', 'x-proto-type': 'string', default: '.', description: 'The build context folder, relative to this file.' },
      dockerfile: { type: 'string', 'x-proto-type': 'string', default: 'Dockerfile', description: 'The Dockerfile, relative to the context folder.' },
      target: { type: 'string', 'x-proto-type': 'string', description: 'The build stage to stop at (docker build --target).' },
      buildArgs: { type: 'object', additionalProperties: { type: 'string', 'x-proto-type': 'string' }, 'x-proto-type': 'map', description: 'Build arguments (docker build --build-arg).' },
    },
    required: ['image'],
    additionalProperties: false,
  },
  LocalPythonPackage: {
    type: 'object',
    'x-local': true,
    description: 'Package a local Python folder as a source distribution and upload it; use the same URI in a worker pool\'s pythonPackageSpec.packageUris.',
    properties: {
      path: { type: 'string', 'x-proto-type': 'string', description: 'The folder holding setup.py or pyproject.toml, relative to this file.' },
      packageUri: { type: 'string', 'x-proto-type': 'string', description: 'Where to upload the package, for example "gs://BUCKET/packages/trainer-${git.sha}.tar.gz".' },
    },
    required: ['path', 'packageUri'],
    additionalProperties: false,
  },
};

function main(): void {
  const protos = JSON.parse(readFileSync(join(PROTO_DIR, 'protos.json'), 'utf8')) as ProtoNode;
  const schema = buildSpecSchema(protos, protoComments(PROTO_DIR));
  writeFileSync('schemas/vertex-job.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
}

if (process.argv[1]?.endsWith('spec-schema-build.ts')) {
  main();
}
