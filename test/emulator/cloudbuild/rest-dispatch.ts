import type { IncomingMessage } from 'node:http';
import type { Emulator } from '../core/emulator';
import { invalidArgument, toApiError } from '../core/errors';
import type { HttpRoute } from '../core/http-route';
import type { JsonObject } from '../core/json';
import { BadJsonError, readJson, sendJson } from '../storage/http-io';

/**
 * Plain HTTP routes for Google REST APIs that the proto-driven gateway does not serve
 * (Cloud Build, Artifact Registry). Each API answers under its own path prefix
 * (`/cloudbuild/v1/...`, what a gcloud endpoint override with a path gives) and at `/v1/...`
 * for the methods whose paths no other API on the port uses.
 */
export interface RestCall {
  /** Named groups of the matched pattern, URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: JsonObject;
  req: IncomingMessage;
}

export interface RestMethod {
  verb: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Matched against the path after the prefix, e.g. /^\/v1\/projects\/(?<project>[^/]+)\/builds$/. */
  pattern: RegExp;
  /** Full method name, as faults name it (`google.devtools.cloudbuild.v1.CloudBuild.CreateBuild`). */
  id: string;
  /** At the shared `/v1/` root, answer only for requests this returns true for. */
  atRoot?: boolean | ((params: Record<string, string>) => boolean);
  run(call: RestCall): Promise<JsonObject> | JsonObject;
}

function match(method: RestMethod, verb: string, path: string): Record<string, string> | undefined {
  if (method.verb !== verb) return undefined;
  const m = method.pattern.exec(path);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v ?? '');
  return params;
}

export function restRoute(emu: Emulator, prefix: string, methods: RestMethod[]): HttpRoute {
  return async (req, res, url) => {
    const verb = req.method ?? 'GET';
    const prefixed = url.pathname.startsWith(`${prefix}/v1`);
    const path = prefixed ? url.pathname.slice(prefix.length) : url.pathname;
    let found: { method: RestMethod; params: Record<string, string> } | undefined;
    for (const method of methods) {
      let params: Record<string, string> | undefined;
      try {
        params = match(method, verb, path);
      } catch {
        continue;
      }
      if (!params) continue;
      const atRoot = typeof method.atRoot === 'function' ? method.atRoot(params) : method.atRoot !== false;
      if (!prefixed && !atRoot) continue;
      found = { method, params };
      break;
    }
    if (!found) return false;
    try {
      const fault = emu.faults.take(found.method.id);
      if (fault.latencyMs > 0) await emu.timers.sleep(fault.latencyMs);
      if (fault.error) throw fault.error;
      let body: JsonObject = {};
      if (verb === 'POST' || verb === 'PATCH') {
        try {
          body = (await readJson(req)) as JsonObject;
        } catch (e) {
          if (e instanceof BadJsonError) throw invalidArgument(e.message);
          throw e;
        }
      }
      const out = await found.method.run({ params: found.params, query: url.searchParams, body, req });
      sendJson(res, 200, out);
    } catch (e) {
      if (!req.readableEnded) for await (const _chunk of req) void _chunk;
      const err = toApiError(e);
      sendJson(res, err.httpStatus, err.toRestJson());
    }
    return true;
  };
}

/** `pageSize` and `pageToken` from a query string, in the shape core/paging reads. */
export function pageRequest(query: URLSearchParams): { pageSize?: string; pageToken?: string } {
  return { pageSize: query.get('pageSize') ?? undefined, pageToken: query.get('pageToken') ?? undefined };
}
