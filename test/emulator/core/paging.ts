import { createHash } from 'node:crypto';
import { invalidArgument } from './errors';
import type { JsonObject } from './json';

export interface PageRequest {
  pageSize?: unknown;
  pageToken?: unknown;
}

export interface PageOptions {
  defaultSize?: number;
  maxSize?: number;
  /** What else shaped the list (filter, orderBy): a token from another query is rejected. */
  query?: string;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page, as the API omits it. */
  nextPageToken?: string;
}

/** Offset paging with opaque tokens bound to the query that made them. */
export function paginate<T>(all: T[], req: PageRequest, opts: PageOptions = {}): Page<T> {
  const max = opts.maxSize ?? 1000;
  const requested = Number(req.pageSize ?? 0);
  if (!Number.isInteger(requested) || requested < 0) throw invalidArgument('Invalid page size.', [{ field: 'page_size', description: 'must be non-negative' }]);
  const size = requested === 0 ? opts.defaultSize ?? 100 : Math.min(requested, max);
  const tag = queryTag(opts.query ?? '');
  let offset = 0;
  if (typeof req.pageToken === 'string' && req.pageToken !== '') offset = decodeToken(req.pageToken, tag);
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return next < all.length ? { items, nextPageToken: encodeToken(next, tag) } : { items };
}

/** Adds `nextPageToken` to a list response only when there is one. */
export function withNextPage(response: JsonObject, page: Page<unknown>): JsonObject {
  if (page.nextPageToken) response.nextPageToken = page.nextPageToken;
  return response;
}

function queryTag(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 8);
}

function encodeToken(offset: number, tag: string): string {
  return Buffer.from(`${tag}:${offset}`).toString('base64url');
}

function decodeToken(token: string, tag: string): number {
  const [t, n] = Buffer.from(token, 'base64url').toString().split(':');
  const offset = Number(n);
  if (t !== tag || !Number.isInteger(offset) || offset < 0) {
    throw invalidArgument('Invalid page token.', [{ field: 'page_token', description: 'Invalid page token.' }]);
  }
  return offset;
}
