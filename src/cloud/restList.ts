// One page of a Vertex AI list over plain HTTPS/JSON with fetch. The client library takes
// about half a second to load and construct, so a view's first page comes this way while the
// library warms up; everything after goes through VertexClients on the configured transport.
import type { Connection } from './connection';
import { locationName } from './connection';
import { resolveEndpoint } from './endpoints';

export interface RestListRequest {
  pageSize: number;
  pageToken?: string;
  filter?: string;
  orderBy?: string;
}

const TIMEOUT_MS = 60_000;

async function authHeaders(conn: Connection, url: string, local: boolean): Promise<Record<string, string>> {
  if (local) return {};
  if (!conn.authClient) throw new Error('Internal error: a Google Cloud endpoint was used without checked credentials.');
  const headers: unknown = await conn.authClient.getRequestHeaders(url);
  // google-auth-library 10 returns Headers; older ones a plain object.
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  return headers as Record<string, string>;
}

/**
 * Lists `collection` (e.g. `customJobs`) under the connection's location. Errors keep the
 * API's JSON body on `response.data`, as gax's REST errors do, so toApiError reads both alike.
 */
export async function restListPage(conn: Connection, collection: string, request: RestListRequest): Promise<{ items: unknown[]; nextPageToken?: string }> {
  const endpoint = resolveEndpoint('aiplatform', conn.region, conn.overrides);
  const query = new URLSearchParams({ pageSize: String(request.pageSize) });
  if (request.pageToken) query.set('pageToken', request.pageToken);
  if (request.filter) query.set('filter', request.filter);
  if (request.orderBy) query.set('orderBy', request.orderBy);
  const url = `${endpoint.url}/v1/${locationName(conn)}/${collection}?${query.toString()}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json', ...(await authHeaders(conn, url, endpoint.local)) }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: unknown } }).cause;
    throw Object.assign(new Error(`Could not reach ${endpoint.url}: ${(err as Error).message}`), { code: typeof cause?.code === 'string' ? cause.code : 'ECONNREFUSED' });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    throw Object.assign(new Error(`${res.status} ${res.statusText}`), { code: res.status, response: { status: res.status, data: body ?? text } });
  }
  const page = (body ?? {}) as Record<string, unknown>;
  const items = Array.isArray(page[collection]) ? (page[collection] as unknown[]) : [];
  return typeof page.nextPageToken === 'string' && page.nextPageToken ? { items, nextPageToken: page.nextPageToken } : { items };
}
