import type { IncomingMessage, ServerResponse } from 'node:http';
import protobuf from 'protobufjs';
import { invokeUnary } from './dispatch';
import type { Emulator } from './emulator';
import { ApiError, Code, invalidArgument, toApiError } from './errors';
import { isJsonObject } from './json';
import type { JsonObject, JsonValue } from './json';
import { compileTemplate } from './path-template';
import type { CompiledTemplate } from './path-template';
import { normalizeJson } from './proto-json';
import { jsonName } from './proto-json-read';
import { allMethods, httpBindings, methodInfo } from './protos';
import type { MethodInfo } from './protos';

interface Route {
  verb: string;
  template: CompiledTemplate;
  body?: string;
  info: MethodInfo;
}

let routes: Route[] | undefined;

/** Every `google.api.http` binding in the protos, plus Vertex AI's operation paths under /v1/ and /ui/. */
function allRoutes(): Route[] {
  if (!routes) {
    routes = [];
    for (const info of allMethods().values()) {
      for (const b of httpBindings(info.method)) {
        routes.push({ verb: b.verb.toUpperCase(), template: compileTemplate(b.path), ...(b.body ? { body: b.body } : {}), info });
      }
    }
    const ops = 'google.longrunning.Operations';
    // gcloud's GA `ai endpoints` commands wait on operations through the v1beta1 path.
    for (const v of ['v1', 'v1beta1', 'ui']) {
      const add = (verb: string, path: string, method: string, body?: string) =>
        routes!.push({ verb, template: compileTemplate(path), ...(body ? { body } : {}), info: methodInfo(`${ops}.${method}`)! });
      add('GET', `/${v}/{name=**/operations/*}`, 'GetOperation');
      add('DELETE', `/${v}/{name=**/operations/*}`, 'DeleteOperation');
      add('POST', `/${v}/{name=**/operations/*}:cancel`, 'CancelOperation', '*');
      add('POST', `/${v}/{name=**/operations/*}:wait`, 'WaitOperation', '*');
      add('GET', `/${v}/{name=**}/operations`, 'ListOperations');
    }
  }
  return routes;
}

const SYSTEM_PARAMS = new Set(['$alt', 'alt', 'key', 'prettyPrint', '$prettyPrint', 'fields', '$fields', 'access_token', 'quotaUser', 'callback', 'upload_protocol', 'uploadType', '$callback']);

/**
 * The REST/JSON transport: matches a request against the bindings, builds the request
 * message from path, query and body, runs the same handler as gRPC, and writes the
 * answer (or the `{"error": ...}` body) as the API does.
 */
export async function handleRest(emu: Emulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const enumsAsNumbers = (url.searchParams.get('$alt') ?? '').includes('enum-encoding=int');
  try {
    const { route, captures } = match(emu, req.method ?? 'GET', url.pathname);
    const request = await buildRequest(route, captures, url, req);
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') metadata[k.toLowerCase()] = v;
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const ctx = { method: route.info.fullName, transport: 'rest' as const, metadata, emu, signal: abort.signal };
    const out = await invokeUnary(emu, ctx, request);
    let body: JsonValue;
    try {
      body = normalizeJson(route.info.responseType, out, { enumsAsNumbers });
    } catch (e) {
      throw new ApiError(Code.INTERNAL, `Emulator produced an invalid ${route.info.responseType.fullName}: ${(e as Error).message}`);
    }
    send(res, 200, body);
  } catch (e) {
    const err = toApiError(e);
    send(res, err.httpStatus, err.toRestJson());
  }
}

export function send(res: ServerResponse, status: number, body: JsonValue): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function match(emu: Emulator, verb: string, pathname: string): { route: Route; captures: string[] } {
  let best: { route: Route; captures: string[]; score: number } | undefined;
  for (const route of allRoutes()) {
    if (route.verb !== verb) continue;
    const m = route.template.regex.exec(pathname);
    if (!m) continue;
    const score = (emu.registry.lookup(route.info.fullName) ? 1_000_000 : 0) + route.template.literalLength;
    if (!best || score > best.score) best = { route, captures: m.slice(1), score };
  }
  if (!best) throw new ApiError(Code.NOT_FOUND, `The requested URL ${pathname} was not found on this server.`);
  return best;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function setPath(target: JsonObject, path: string[], value: JsonValue): void {
  let cur = target;
  path.slice(0, -1).forEach((seg) => {
    const next = cur[seg];
    if (!isJsonObject(next)) cur[seg] = {};
    cur = cur[seg] as JsonObject;
  });
  cur[path[path.length - 1]] = value;
}

async function buildRequest(route: Route, captures: string[], url: URL, req: IncomingMessage): Promise<JsonObject> {
  const type = route.info.requestType;
  let request: JsonObject = {};
  if (route.body) {
    const text = await readBody(req);
    let parsed: unknown = {};
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw invalidArgument(`Invalid JSON payload received. ${(e as Error).message}`);
      }
    }
    if (route.body === '*') {
      if (!isJsonObject(parsed)) throw invalidArgument('Invalid JSON payload received. Expected an object.');
      request = parsed;
    } else {
      request[camel(route.body)] = parsed as JsonValue;
    }
  } else {
    addQuery(type, request, url);
  }
  route.template.fields.forEach((field, i) => setPath(request, field.split('.').map(camel), decodeURIComponent(captures[i])));
  return normalizeJson(type, request) as JsonObject;
}

function addQuery(type: protobuf.Type, request: JsonObject, url: URL): void {
  for (const [key, raw] of url.searchParams) {
    if (SYSTEM_PARAMS.has(key)) continue;
    let t: protobuf.Type = type;
    const path: string[] = [];
    let field: protobuf.Field | undefined;
    for (const seg of key.split('.')) {
      field = t.fieldsArray.find((f) => f.name === seg || jsonName(f) === seg || f.name === camel(seg));
      if (!field) {
        throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. Field '${seg}' could not be found in request message.`);
      }
      path.push(jsonName(field));
      if (field.resolvedType instanceof protobuf.Type && !field.resolvedType.fullName.startsWith('.google.protobuf.')) t = field.resolvedType;
    }
    const value = coerce(field!, raw);
    if (field!.repeated) {
      const existing = path.reduce<JsonValue | undefined>((cur, seg) => (isJsonObject(cur) ? cur[seg] : undefined), request);
      setPath(request, path, [...(Array.isArray(existing) ? existing : []), value]);
    } else {
      setPath(request, path, value);
    }
  }
}

function coerce(field: protobuf.Field, raw: string): JsonValue {
  const rt = field.resolvedType;
  const scalar = rt instanceof protobuf.Type && rt.fullName.endsWith('Value') && rt.fields.value ? rt.fields.value.type : field.type;
  if (scalar === 'bool') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
