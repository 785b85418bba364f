import protobuf from 'protobufjs';
import type { JsonObject, JsonValue } from './json';
import { fullName, INT64, jsonName, readJson, snakeToCamel, WRAPPERS } from './proto-json-read';
import type { Plain } from './proto-json-read';
import { lookupType } from './protos';

/**
 * Writing canonical proto3 JSON (defaults omitted, int64 as strings, well-known types in
 * their JSON forms) from protobufjs messages or the plain objects proto-json-read.ts makes.
 */
export interface ToJsonOptions {
  /** `$alt=json;enum-encoding=int`: enums as numbers. */
  enumsAsNumbers?: boolean;
}

/**
 * Proto3 JSON in, canonical proto3 JSON out (validated, defaults dropped, enums as names or
 * numbers), without building protobufjs messages: the REST path for every list page.
 */
export function normalizeJson(type: protobuf.Type, json: unknown, opts: ToJsonOptions = {}, root = ''): JsonValue {
  return messageToJson(type, readJson(type, json, root), opts);
}

export function messageToJson(type: protobuf.Type, message: protobuf.Message | Plain, opts: ToJsonOptions = {}): JsonValue {
  const wkt = fullName(type);
  const m = message as Plain;
  if (WELL_KNOWN_OUT[wkt]) return WELL_KNOWN_OUT[wkt](type, m, opts);
  if (WRAPPERS.has(wkt)) return scalarOut(type.fields.value, m.value ?? type.fields.value.defaultValue);
  const out: JsonObject = {};
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(m, field.name)) continue;
    const v = m[field.name];
    if (v === null || v === undefined) continue;
    if (field instanceof protobuf.MapField) {
      const entries = Object.entries(v as Plain);
      if (!entries.length) continue;
      const map: JsonObject = {};
      for (const [k, e] of entries) map[k] = valueOut(field, e, opts);
      out[jsonName(field)] = map;
    } else if (field.repeated) {
      const arr = v as unknown[];
      if (!arr.length) continue;
      out[jsonName(field)] = arr.map((e) => valueOut(field, e, opts));
    } else {
      if (!field.partOf && !(field.resolvedType instanceof protobuf.Type) && isDefault(v)) continue;
      out[jsonName(field)] = valueOut(field, v, opts);
    }
  }
  return out;
}

function isDefault(v: unknown): boolean {
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) return (v as { low: number; high: number }).low === 0 && (v as { high: number }).high === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  return v === 0 || v === '' || v === '0' || v === false;
}

function valueOut(field: protobuf.Field, v: unknown, opts: ToJsonOptions): JsonValue {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return messageToJson(rt, v as Plain, opts);
  if (rt instanceof protobuf.Enum) {
    const n = typeof v === 'string' ? rt.values[v] : (v as number);
    return opts.enumsAsNumbers ? n : rt.valuesById[n] ?? n;
  }
  return scalarOut(field, v);
}

function scalarOut(field: protobuf.Field, v: unknown): JsonValue {
  if (INT64.has(field.type)) return String(longToString(v, field.type.startsWith('u') || field.type === 'fixed64'));
  if (field.type === 'bytes') return Buffer.from(v as Uint8Array).toString('base64');
  if (field.type === 'double' || field.type === 'float') {
    const n = v as number;
    return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : n;
  }
  return v as JsonValue;
}

function longToString(v: unknown, unsigned: boolean): string {
  if (typeof v === 'object' && v !== null && 'low' in v) {
    const l = v as { low: number; high: number };
    const big = (BigInt(l.high >>> 0) << 32n) | BigInt(l.low >>> 0);
    return (unsigned ? big : BigInt.asIntN(64, big)).toString();
  }
  return String(v ?? 0);
}

type WktOut = (type: protobuf.Type, m: Plain, opts: ToJsonOptions) => JsonValue;

function plainValueOut(v: Plain, opts: ToJsonOptions): JsonValue {
  // Decoded messages keep defaults on the prototype: only own properties say which kind is set.
  const has = (k: string) => Object.prototype.hasOwnProperty.call(v, k) && v[k] != null;
  if (has('structValue')) return structOut(v.structValue as Plain, opts);
  if (has('listValue')) return (((v.listValue as Plain).values as Plain[]) ?? []).map((e) => plainValueOut(e, opts));
  if (has('stringValue')) return v.stringValue as string;
  if (has('numberValue')) return v.numberValue as number;
  if (has('boolValue')) return v.boolValue as boolean;
  return null;
}

function structOut(s: Plain, opts: ToJsonOptions): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries((s.fields as Record<string, Plain>) ?? {})) out[k] = plainValueOut(v, opts);
  return out;
}

const WELL_KNOWN_OUT: Record<string, WktOut> = {
  'google.protobuf.Timestamp': (_t, m) => {
    const ms = Number(longToString(m.seconds, false)) * 1000;
    const nanos = Number(m.nanos ?? 0);
    const base = new Date(ms).toISOString().replace('.000Z', '');
    if (!nanos) return `${base}Z`;
    const frac = String(nanos).padStart(9, '0');
    return `${base}.${frac.endsWith('000000') ? frac.slice(0, 3) : frac.endsWith('000') ? frac.slice(0, 6) : frac}Z`;
  },
  'google.protobuf.Duration': (_t, m) => {
    const secs = BigInt(longToString(m.seconds, false));
    const nanos = Number(m.nanos ?? 0);
    const neg = secs < 0n || nanos < 0;
    const abs = (secs < 0n ? -secs : secs).toString();
    const frac = nanos ? `.${String(Math.abs(nanos)).padStart(9, '0').replace(/(000)+$/, '')}` : '';
    return `${neg ? '-' : ''}${abs}${frac}s`;
  },
  'google.protobuf.FieldMask': (_t, m) => ((m.paths as string[]) ?? []).map((p) => p.split('.').map(snakeToCamel).join('.')).join(','),
  'google.protobuf.Struct': (_t, m, opts) => structOut(m, opts),
  'google.protobuf.Value': (_t, m, opts) => plainValueOut(m, opts),
  'google.protobuf.ListValue': (_t, m, opts) => ((m.values as Plain[]) ?? []).map((e) => plainValueOut(e, opts)),
  'google.protobuf.Empty': () => ({}),
  'google.protobuf.Any': (_t, m, opts): JsonValue => {
    const url = String(m.type_url ?? '');
    const inner = lookupType(url.slice(url.lastIndexOf('/') + 1));
    if (!inner) return { '@type': url, value: Buffer.from((m.value as Uint8Array) ?? []).toString('base64') };
    const decoded = inner.decode((m.value as Uint8Array) ?? new Uint8Array());
    const json = messageToJson(inner, decoded, opts);
    const special = fullName(inner).startsWith('google.protobuf.') && (WELL_KNOWN_OUT[fullName(inner)] || WRAPPERS.has(fullName(inner))) && fullName(inner) !== 'google.protobuf.Empty';
    return special ? { '@type': url, value: json } : { '@type': url, ...(json as JsonObject) };
  },
};
