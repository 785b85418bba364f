// One way to call Google's JSON REST APIs that have no client library here (Cloud Build, Artifact
// Registry): google-auth-library's AuthClient.request for real endpoints, plain fetch for a local
// (emulator) endpoint, which gets no credentials. Errors come out as ApiCallError either way.
import { toApiError } from './apiErrors';
import type { ApiError } from './apiErrors';
import type { Connection } from './connection';
import { resolveEndpoint } from './endpoints';
import type { ServiceName } from './endpoints';

export type Json = Record<string, unknown>;

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';

  constructor(readonly service: ServiceName, readonly api: ApiError) {
    super(api.message);
  }
}

export interface RestCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls `{endpoint}/v1/{path}` and returns the parsed JSON answer. */
export async function restJson<T = Json>(conn: Connection, service: ServiceName, path: string, call: RestCall = {}): Promise<T> {
  const endpoint = resolveEndpoint(service, conn.region, conn.overrides);
  const query = call.query && Object.keys(call.query).length > 0 ? `?${new URLSearchParams(call.query).toString()}` : '';
  const url = `${endpoint.url}/v1/${path}${query}`;
  const method = call.method ?? (call.body === undefined ? 'GET' : 'POST');
  try {
    if (endpoint.local) {
      const response = await fetch(url, {
        method,
        ...(call.body !== undefined && { body: JSON.stringify(call.body), headers: { 'Content-Type': 'application/json' } }),
        ...(call.signal && { signal: call.signal }),
      });
      const text = await response.text();
      if (!response.ok) throw { code: response.status, message: text, response: { status: response.status, data: text } };
      return (text ? JSON.parse(text) : {}) as T;
    }
    if (!conn.authClient) throw new Error(`Internal error: ${service} was called without checked credentials.`);
    return (await conn.authClient.request<T>({ url, method, ...(call.body !== undefined && { data: call.body }), ...(call.signal && { signal: call.signal }) })).data;
  } catch (err) {
    const api = toApiError(err);
    throw api ? new ApiCallError(service, api) : err;
  }
}
