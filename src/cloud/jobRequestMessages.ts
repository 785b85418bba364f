// The Node client serializes requests with protobufjs `fromObject`, which takes Duration and
// Timestamp fields as {seconds, nanos} objects, not the proto3 JSON strings ("3600s") the spec
// model produces. The spec's JSON Schema, generated from the protos, says which fields those are.
import schemaJson from '../../schemas/vertex-job.schema.json';
import type { CustomJobBody, HyperparameterTuningJobBody } from '../jobs/spec-convert';

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  'x-proto-type'?: string;
}

const schema = schemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? (schema.definitions[node.$ref.replace('#/definitions/', '')] ?? {}) : node;
}

function child(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (node === undefined) return undefined;
  const here = resolve(node);
  return here.properties?.[key] ?? (typeof here.additionalProperties === 'object' ? here.additionalProperties : undefined);
}

export interface ProtoTime {
  seconds: string;
  nanos: number;
}

/** "3600s", "1.5s", "-0.25s" → {seconds, nanos}, both carrying the sign as protobuf's Duration does. */
export function durationObject(text: string): ProtoTime | undefined {
  const match = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(text.trim());
  if (!match) return undefined;
  const sign = match[1] ? -1 : 1;
  const nanos = Number((match[3] ?? '').padEnd(9, '0'));
  return { seconds: String(sign * Number(match[2])).replace(/^-0$/, '0'), nanos: sign * nanos || 0 };
}

/** RFC 3339 → {seconds, nanos} since the epoch, keeping sub-millisecond digits. */
export function timestampObject(text: string): ProtoTime | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i.exec(text.trim());
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(millis)) return undefined;
  return { seconds: String(Math.floor(millis / 1000)), nanos: Number((match[2] ?? '').padEnd(9, '0')) };
}

function convert(value: unknown, node: SchemaNode | undefined): unknown {
  const type = node === undefined ? undefined : resolve(node)['x-proto-type'];
  if (typeof value === 'string' && type === 'duration') return durationObject(value) ?? value;
  if (typeof value === 'string' && type === 'timestamp') return timestampObject(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => convert(item, node === undefined ? undefined : resolve(node).items));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner, child(node, key))]));
  }
  return value;
}

/** The root of the schema describes a CustomJobSpec (plus the spec file's own fields, never sent). */
const JOB_SPEC: SchemaNode = schema;
const STUDY_SPEC = child(child(schema, 'hyperparameterTuning'), 'studySpec');

export function customJobMessage(body: CustomJobBody): Record<string, unknown> {
  return { ...body, jobSpec: convert(body.jobSpec, JOB_SPEC) };
}

export function tuningJobMessage(body: HyperparameterTuningJobBody): Record<string, unknown> {
  return { ...body, studySpec: convert(body.studySpec, STUDY_SPEC), trialJobSpec: convert(body.trialJobSpec, JOB_SPEC) };
}
