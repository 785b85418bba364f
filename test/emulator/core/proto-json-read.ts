import protobuf from 'protobufjs';
import { invalidArgument } from './errors';
import { isJsonObject } from './json';
import type { JsonObject, JsonValue } from './json';
import { lookupType } from './protos';

/**
 * Reading proto3 JSON over protobufjs reflection, as the API's front end does: unknown
 * names and bad values are INVALID_ARGUMENT in its wording. The result is a plain object
 * in protobufjs form (enum numbers, Buffers, {seconds, nanos}); see proto-json.ts for output.
 */
export type Plain = { [k: string]: unknown };

export const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32 = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);
export const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue'].map((n) => `google.protobuf.${n}`));

const jsonNames = new WeakMap<protobuf.Field, string>();
const fullNames = new WeakMap<protobuf.ReflectionObject, string>();

export function jsonName(field: protobuf.Field): string {
  let n = jsonNames.get(field);
  if (n === undefined) {
    n = field.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    jsonNames.set(field, n);
  }
  return n;
}

export function snakeName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const snakeNames = new WeakMap<protobuf.Field, string>();

function fieldSnakeName(field: protobuf.Field): string {
  let n = snakeNames.get(field);
  if (n === undefined) {
    n = snakeName(field.name);
    snakeNames.set(field, n);
  }
  return n;
}

export function fullName(t: protobuf.ReflectionObject): string {
  let n = fullNames.get(t);
  if (n === undefined) {
    n = t.fullName.replace(/^\./, '');
    fullNames.set(t, n);
  }
  return n;
}

class Reader {
  constructor(readonly root: string) {}

  fail(path: string[], what: string): never {
    const at = path.length ? path.join('.') : this.root;
    const text = at ? what.replace(/\{at\}/g, at) : what.replace(/ at '\{at\}'/g, '').replace(/\{at\}/g, '');
    const message = `Invalid JSON payload received. ${text}`;
    throw invalidArgument(message, [{ field: at, description: message }]);
  }

  message(type: protobuf.Type, json: unknown, path: string[]): Plain {
    const wkt = fullName(type);
    if (wkt.startsWith('google.protobuf.') && WELL_KNOWN_IN[wkt]) return WELL_KNOWN_IN[wkt](this, type, json, path);
    if (!isJsonObject(json)) this.fail(path, `Expected an object at '{at}'.`);
    const out: Plain = {};
    for (const [key, value] of Object.entries(json)) {
      const field = type.fields[key] ?? type.fieldsArray.find((f) => jsonName(f) === key || f.name === snakeToCamel(key));
      if (!field) this.fail(path, `Unknown name "${key}" at '{at}': Cannot find field.`);
      if (value === null && fullName(field.resolvedType ?? type) !== 'google.protobuf.Value') continue;
      const sub = [...path, fieldSnakeName(field)];
      out[field.name] = this.field(field, value, sub);
    }
    return out;
  }

  private field(field: protobuf.Field, value: JsonValue, path: string[]): unknown {
    if (field instanceof protobuf.MapField) {
      if (!isJsonObject(value)) this.fail(path, `Expected an object for map field at '{at}'.`);
      const out: Plain = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.single(field, v, path);
      return out;
    }
    if (field.repeated) {
      if (!Array.isArray(value)) this.fail(path, `Expected a list at '{at}'.`);
      return value.map((v, i) => this.single(field, v, [...path.slice(0, -1), `${path[path.length - 1]}[${i}]`]));
    }
    return this.single(field, value, path);
  }

  private single(field: protobuf.Field, value: JsonValue, path: string[]): unknown {
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Type) return this.message(rt, value, path);
    if (rt instanceof protobuf.Enum) {
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && value in rt.values) return rt.values[value];
      this.fail(path, `Invalid value at '{at}' (type.googleapis.com/${fullName(rt)}), ${JSON.stringify(value)}`);
    }
    return this.scalar(field.type, value, path);
  }

  scalar(type: string, value: JsonValue, path: string[]): unknown {
    const bad = (): never => this.fail(path, `Invalid value at '{at}' (${TYPE_NAMES[type] ?? type}), ${JSON.stringify(value)}`);
    if (type === 'string') return typeof value === 'string' ? value : bad();
    if (type === 'bool') return typeof value === 'boolean' ? value : bad();
    if (type === 'bytes') {
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) bad();
      return Buffer.from(value as string, 'base64');
    }
    if (INT64.has(type) || INT32.has(type)) {
      const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : bad();
      if (!/^-?\d+$/.test(s as string)) bad();
      if (type.startsWith('u') || type.startsWith('fixed')) if ((s as string).startsWith('-')) bad();
      if (INT32.has(type)) {
        const n = Number(s);
        if (n > 0xffffffff || n < -0x80000000) bad();
        return n;
      }
      return s;
    }
    if (type === 'double' || type === 'float') {
      if (typeof value === 'number') return value;
      if (value === 'NaN') return NaN;
      if (value === 'Infinity') return Infinity;
      if (value === '-Infinity') return -Infinity;
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
      return bad();
    }
    return bad();
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'TYPE_STRING', bool: 'TYPE_BOOL', bytes: 'TYPE_BYTES', int64: 'TYPE_INT64', uint64: 'TYPE_UINT64',
  int32: 'TYPE_INT32', uint32: 'TYPE_UINT32', double: 'TYPE_DOUBLE', float: 'TYPE_FLOAT',
};

export function snakeToCamel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type WktIn = (r: Reader, type: protobuf.Type, json: unknown, path: string[]) => Plain;

function parseTimestamp(s: string): { seconds: string; nanos: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  const nanos = m[2] ? Number(m[2].slice(1).padEnd(9, '0')) : 0;
  return { seconds: String(Math.floor(ms / 1000)), nanos };
}

function valueToPlain(r: Reader, json: unknown, path: string[]): Plain {
  if (json === null) return { nullValue: 0 };
  if (typeof json === 'number') return { numberValue: json };
  if (typeof json === 'string') return { stringValue: json };
  if (typeof json === 'boolean') return { boolValue: json };
  if (Array.isArray(json)) return { listValue: { values: json.map((v, i) => valueToPlain(r, v, [...path, String(i)])) } };
  if (isJsonObject(json)) return { structValue: structToPlain(r, json, path) };
  return r.fail(path, `Invalid value at '{at}'.`);
}

function structToPlain(r: Reader, json: JsonObject, path: string[]): Plain {
  const fields: Plain = {};
  for (const [k, v] of Object.entries(json)) fields[k] = valueToPlain(r, v, [...path, k]);
  return { fields };
}

const WELL_KNOWN_IN: Record<string, WktIn> = {
  'google.protobuf.Timestamp': (r, _t, json, path) => {
    const ts = typeof json === 'string' ? parseTimestamp(json) : undefined;
    return ts ?? r.fail(path, `Invalid value at '{at}' (type.googleapis.com/google.protobuf.Timestamp), Field '{at}', Invalid time format: ${JSON.stringify(json)}`);
  },
  'google.protobuf.Duration': (r, _t, json, path) => {
    const m = typeof json === 'string' ? /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(json) : null;
    if (!m) return r.fail(path, `Invalid value at '{at}' (type.googleapis.com/google.protobuf.Duration), Field '{at}', Illegal duration format; duration must end with 's'`);
    const sign = m[1] ? -1 : 1;
    return { seconds: `${m[1] ?? ''}${m[2]}`, nanos: sign * Number((m[3] ?? '').padEnd(9, '0') || 0) };
  },
  'google.protobuf.FieldMask': (r, _t, json, path) => {
    if (typeof json !== 'string') return r.fail(path, `Invalid value at '{at}' (type.googleapis.com/google.protobuf.FieldMask), ${JSON.stringify(json)}`);
    return { paths: json === '' ? [] : json.split(',').map((p) => p.split('.').map(snakeName).join('.')) };
  },
  'google.protobuf.Struct': (r, _t, json, path) => (isJsonObject(json) ? structToPlain(r, json, path) : r.fail(path, `Expected an object at '{at}'.`)),
  'google.protobuf.Value': (r, _t, json, path) => valueToPlain(r, json, path),
  'google.protobuf.ListValue': (r, _t, json, path) =>
    Array.isArray(json) ? { values: json.map((v, i) => valueToPlain(r, v, [...path, String(i)])) } : r.fail(path, `Expected a list at '{at}'.`),
  'google.protobuf.Empty': (r, _t, json, path) => (isJsonObject(json) && Object.keys(json).length === 0 ? {} : r.fail(path, `Unknown name at '{at}': Cannot find field.`)),
  'google.protobuf.Any': (r, _t, json, path) => {
    if (!isJsonObject(json) || typeof json['@type'] !== 'string') return r.fail(path, `Expected an Any with @type at '{at}'.`);
    const url = json['@type'];
    const inner = lookupType(url.slice(url.lastIndexOf('/') + 1));
    if (!inner) return r.fail(path, `Invalid value at '{at}' (type.googleapis.com/google.protobuf.Any), unknown type ${url}`);
    const { '@type': _ignored, ...rest } = json;
    const special = fullName(inner).startsWith('google.protobuf.') && WELL_KNOWN_IN[fullName(inner)] && fullName(inner) !== 'google.protobuf.Empty';
    const plain = r.message(inner, special ? rest.value : rest, path);
    return { type_url: url, value: inner.encode(inner.fromObject(plain)).finish() };
  },
};
for (const w of WRAPPERS) {
  WELL_KNOWN_IN[w] = (r, t, json, path) => ({ value: r.scalar(t.fields.value.type, json as JsonValue, path) });
}

/** Parses proto3 JSON into a message of `type`; `root` names the request field in errors. */
export function jsonToMessage(type: protobuf.Type, json: unknown, root = ''): protobuf.Message {
  return type.fromObject(readJson(type, json, root));
}

/** Validated proto3 JSON as a plain protobufjs-form object; `root` names the request field in errors. */
export function readJson(type: protobuf.Type, json: unknown, root = ''): Plain {
  return new Reader(root).message(type, json, root ? [root] : []);
}
