// What every Vertex AI list call shares: the page request, the page it returns, and the
// readers for fields that arrive in transport-dependent shapes (gRPC gives Timestamps as
// `{seconds, nanos}` with int64 strings, proto3 JSON gives RFC 3339 strings).
import { isRecord, readInt } from '../jobs/proto-json-values';

export interface ListOptions {
  /** Default 50. */
  pageSize?: number;
  pageToken?: string;
  /** AIP-160 filter, e.g. `display_name:"*churn*"`. */
  filter?: string;
}

export interface ResourcePage<T> {
  items: T[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const NEWEST_FIRST = 'create_time desc';

/** The request fields of one page; newest first unless told otherwise. */
export function pageRequest(options: ListOptions, orderBy: string | undefined = NEWEST_FIRST): { pageSize: number; pageToken?: string; filter?: string; orderBy?: string } {
  return {
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    ...(orderBy ? { orderBy } : {}),
    ...(options.pageToken ? { pageToken: options.pageToken } : {}),
    ...(options.filter ? { filter: options.filter } : {}),
  };
}

/** A page from gax's `[items, nextRequest, rawResponse]` answer with `autoPaginate: false`. */
export function toPage<R, T>(items: R[] | null | undefined, raw: { nextPageToken?: string | null } | null | undefined, read: (r: R) => T): ResourcePage<T> {
  const page: ResourcePage<T> = { items: (items ?? []).map(read) };
  if (raw?.nextPageToken) page.nextPageToken = raw.nextPageToken;
  return page;
}

export function readTimestamp(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && value) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  if (isRecord(value)) {
    const seconds = readInt(typeof value.seconds === 'object' && value.seconds !== null ? String(value.seconds) : value.seconds);
    if (seconds === undefined) return undefined;
    const nanos = readInt(value.nanos) ?? 0;
    return new Date(seconds * 1000 + Math.floor(nanos / 1e6));
  }
  return undefined;
}

export function readLabels(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
