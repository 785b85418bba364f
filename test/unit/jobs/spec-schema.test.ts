// The JSON Schema of the job spec file against the API's own proto types, read straight from
// @google-cloud/aiplatform's protos.json: every writable field of each covered message is in the
// schema and nothing else is, and every enum lists the proto's values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSpecSchema, protoComments } from '../../../src/jobs/spec-schema-build';

interface Field { type: string; rule?: string; keyType?: string; options?: Record<string, unknown> }
interface ProtoNode { nested?: Record<string, ProtoNode>; fields?: Record<string, Field>; values?: Record<string, number> }
interface Schema { $ref?: string; type?: unknown; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown;
  enum?: string[]; 'x-proto'?: string; 'x-proto-omits'?: string[]; 'x-proto-job'?: string; 'x-proto-job-fields'?: string[]; 'x-local'?: boolean }

const PROTO_DIR = 'node_modules/@google-cloud/aiplatform/build/protos';
const protos = JSON.parse(readFileSync(join(PROTO_DIR, 'protos.json'), 'utf8')) as ProtoNode;
const schema = JSON.parse(readFileSync('schemas/vertex-job.schema.json', 'utf8')) as Schema & { definitions: Record<string, Schema> };

function node(fullName: string): ProtoNode {
  const found = fullName.split('.').reduce<ProtoNode | undefined>((n, part) => n?.nested?.[part], protos);
  assert.ok(found, `${fullName} is in protos.json`);
  return found;
}

function writable(fullName: string): Record<string, Field> {
  return Object.fromEntries(Object.entries(node(fullName).fields ?? {}).filter(([, f]) => f.options?.['(google.api.field_behavior)'] !== 'OUTPUT_ONLY'));
}

function resolve(s: Schema): Schema {
  return s.$ref ? schema.definitions[s.$ref.replace('#/definitions/', '')] : s;
}

describe('vertex-job.schema.json against the protos', () => {
  it('is what the generator builds from the installed protos (run `npx tsx src/jobs/spec-schema-build.ts` after an upgrade)', () => {
    assert.deepEqual(buildSpecSchema(protos as never, protoComments(PROTO_DIR)), schema);
  });

  it('has every writable field of every covered message, and no other', () => {
    const messages = Object.entries(schema.definitions).filter(([, d]) => d['x-proto'] !== undefined && d.properties !== undefined);
    assert.ok(messages.length >= 25, `covers the CustomJobSpec and StudySpec trees (${messages.length} messages)`);
    for (const [name, definition] of messages) {
      const omitted = definition['x-proto-omits'] ?? [];
      const expected = Object.keys(writable(definition['x-proto'] as string)).filter((f) => !omitted.includes(f)).sort();
      assert.deepEqual(Object.keys(definition.properties ?? {}).sort(), expected, name);
    }
  });

  it('puts CustomJobSpec, the job\'s own fields and the local-only ones at the top, and nothing else', () => {
    const jobSpec = Object.keys(writable('google.cloud.aiplatform.v1.CustomJobSpec'));
    const job = Object.keys(writable('google.cloud.aiplatform.v1.CustomJob')).filter((f) => (schema['x-proto-job-fields'] ?? []).includes(f));
    assert.deepEqual(job.sort(), ['displayName', 'encryptionSpec', 'labels']);
    const local = Object.entries(schema.properties ?? {}).filter(([, p]) => p['x-local'] || resolve(p)['x-local'] || p.$ref === '#/definitions/HyperparameterTuning').map(([k]) => k);
    assert.deepEqual(local.sort(), ['hyperparameterTuning', 'local', 'region']);
    assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), [...jobSpec, ...job, ...local].sort());
  });

  it('gives each field the proto type: lists, maps, messages, enums and scalars', () => {
    const scalar: Record<string, string> = { string: 'string', bool: 'boolean', int32: 'integer', double: 'number', float: 'number' };
    for (const definition of Object.values(schema.definitions).filter((d) => d['x-proto'] && d.properties)) {
      for (const [field, proto] of Object.entries(writable(definition['x-proto'] as string))) {
        const property = definition.properties?.[field];
        if (property === undefined) {
          continue;
        }
        const item = proto.keyType ? property.additionalProperties as Schema : proto.rule === 'repeated' ? property.items as Schema : property;
        assert.ok(item, `${definition['x-proto']}.${field} has an item schema`);
        if (proto.rule === 'repeated') {
          assert.equal(property.type, 'array', `${field} is a list`);
        }
        const target = resolve(item);
        if (scalar[proto.type]) {
          assert.equal(target.type, scalar[proto.type], `${definition['x-proto']}.${field}`);
        } else if (proto.type === 'int64') {
          assert.deepEqual(target.type, ['integer', 'string'], `${field} takes numbers or digit strings`);
        } else if (target.enum) {
          const protoEnum = lookupEnum(definition['x-proto'] as string, proto.type);
          assert.deepEqual(target.enum, Object.keys(protoEnum), `${definition['x-proto']}.${field} enum`);
        } else if (!proto.type.startsWith('google.protobuf.')) {
          assert.ok(target['x-proto']?.endsWith(`.${proto.type}`) || target['x-proto']?.endsWith(proto.type), `${field}: ${proto.type} vs ${target['x-proto']}`);
        }
      }
    }
  });
});

function lookupEnum(owner: string, type: string): Record<string, number> {
  const scope = owner.split('.');
  for (let i = scope.length; i >= 0; i--) {
    const found = [...scope.slice(0, i), ...type.split('.')].reduce<ProtoNode | undefined>((n, part) => n?.nested?.[part], protos);
    if (found?.values) {
      return found.values;
    }
  }
  assert.fail(`enum ${type} of ${owner} not found`);
}
