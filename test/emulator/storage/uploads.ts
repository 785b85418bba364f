import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Store } from '../state/store';
import { getObject, hashBytes, putObject } from './objects';
import type { ObjectHashes, ObjectResource } from './objects';
import { renderObject, storageErrors } from './json-api';
import { getBucketOrThrow } from './buckets-api';
import type { StorageCall } from './buckets-api';
import { checkPreconditions } from './objects-api';
import { sendJson } from './http-io';
import { ByteSink, announcedSize } from './byte-sink';
import { crc32cBase64, crc32cUpdate } from './crc32c';

/** What an upload says about the object to create, from its metadata body and query. */
export interface UploadTarget {
  bucket: string;
  name: string;
  contentType?: string;
  metadata?: Record<string, string>;
  extra: Record<string, unknown>;
  /** Hashes the client declared (metadata or X-Goog-Hash), checked against the bytes. */
  declared: Partial<ObjectHashes>;
  params: URLSearchParams;
}

const WRITABLE = ['contentEncoding', 'contentDisposition', 'contentLanguage', 'cacheControl', 'customTime', 'storageClass'];

export function uploadTarget(bucket: string, params: URLSearchParams, body: Record<string, unknown>): UploadTarget {
  const name = typeof body.name === 'string' && body.name ? body.name : params.get('name');
  if (!name) throw storageErrors.required('name');
  const extra: Record<string, unknown> = {};
  for (const field of WRITABLE) if (body[field] !== undefined) extra[field] = body[field];
  return {
    bucket,
    name,
    contentType: typeof body.contentType === 'string' ? body.contentType : undefined,
    metadata: body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, string>) : undefined,
    extra,
    declared: {
      crc32c: typeof body.crc32c === 'string' ? body.crc32c : undefined,
      md5Hash: typeof body.md5Hash === 'string' ? body.md5Hash : undefined,
    },
    params,
  };
}

/** `X-Goog-Hash: crc32c=...,md5=...` as clients send it on the final request of an upload. */
export function declaredHashes(headers: IncomingHttpHeaders): Partial<ObjectHashes> {
  const out: Partial<ObjectHashes> = {};
  const raw = headers['x-goog-hash'];
  for (const pair of (Array.isArray(raw) ? raw.join(',') : raw ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const [key, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    if (key === 'crc32c') out.crc32c = value;
    if (key === 'md5') out.md5Hash = value;
  }
  return out;
}

/** Stores the uploaded bytes as the object, after the checks the real service makes. */
export function finishUpload(store: Store, target: UploadTarget, chunks: Buffer[], hashes: ObjectHashes, declared: Partial<ObjectHashes>): ObjectResource {
  getBucketOrThrow(store, target.bucket);
  checkPreconditions(target.params, getObject(store, target.bucket, target.name)?.resource);
  const want = { ...target.declared, ...declared };
  if (want.crc32c && want.crc32c !== hashes.crc32c) {
    throw storageErrors.invalid(`Provided CRC32C "${want.crc32c}" doesn't match calculated CRC32C "${hashes.crc32c}".`);
  }
  if (want.md5Hash && want.md5Hash !== hashes.md5Hash) {
    throw storageErrors.invalid(`Provided MD5 hash "${want.md5Hash}" doesn't match calculated MD5 hash "${hashes.md5Hash}".`);
  }
  return putObject(store, target.bucket, target.name, chunks, {
    contentType: target.contentType,
    metadata: target.metadata,
    hashes,
    extra: target.extra,
  });
}

/** uploadType=media: the body is the object; the name comes from the query. */
export async function mediaUpload(call: StorageCall, bucket: string): Promise<void> {
  getBucketOrThrow(call.store, bucket);
  const target = uploadTarget(bucket, call.url.searchParams, {});
  target.contentType = call.req.headers['content-type'];
  const sink = new ByteSink(announcedSize(call.req.headers['content-length']));
  const md5 = createHash('md5');
  let crc = 0;
  for await (const chunk of call.req) {
    sink.append(chunk as Buffer);
    crc = crc32cUpdate(crc, chunk as Buffer);
    md5.update(chunk as Buffer);
  }
  const hashes = { crc32c: crc32cBase64(crc), md5Hash: md5.digest('base64') };
  const object = finishUpload(call.store, target, sink.chunks(), hashes, declaredHashes(call.req.headers));
  sendJson(call.res, 200, renderObject(object, call.origin));
}

function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|'([^']+)'|([^;\s]+))/i.exec(contentType ?? '');
  return m ? m[1] ?? m[2] ?? m[3] : undefined;
}

/**
 * Splits a multipart/related body into its parts' headers and bodies (views, not copies).
 * Line ends may be CRLF or bare LF: Python's email generator (gcloud) writes LF.
 */
function multipartParts(body: Buffer, boundary: string): { headers: Record<string, string>; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\n--${boundary}`);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    if (body[start] === 0x0d) start += 1;
    if (body[start] === 0x0a) start += 1;
    const next = body.indexOf(nextDelimiter, start);
    if (next < 0) break;
    const part = body.subarray(start, next > start && body[next - 1] === 0x0d ? next - 1 : next);
    const crlf = part.indexOf('\r\n\r\n');
    const lf = part.indexOf('\n\n');
    const [split, gap] =
      part[0] === 0x0a ? [0, 1] : part[0] === 0x0d && part[1] === 0x0a ? [0, 2] : crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
    const headers: Record<string, string> = {};
    for (const line of (split >= 0 ? part.subarray(0, split).toString('utf8') : '').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split >= 0 ? part.subarray(split + gap) : part });
    at = next + 1;
  }
  return parts;
}

/** uploadType=multipart: a JSON metadata part, then the media part. */
export async function multipartUpload(call: StorageCall, bucket: string): Promise<void> {
  getBucketOrThrow(call.store, bucket);
  const boundary = boundaryOf(call.req.headers['content-type']);
  if (!boundary) throw storageErrors.invalid('Missing boundary in multipart/related Content-Type.');
  const sink = new ByteSink(announcedSize(call.req.headers['content-length']));
  for await (const chunk of call.req) sink.append(chunk as Buffer);
  const body = sink.chunks();
  const parts = multipartParts(body.length === 1 ? body[0] : Buffer.concat(body), boundary);
  if (parts.length !== 2) throw storageErrors.invalid(`Invalid multipart request with ${parts.length} mime parts.`);
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(parts[0].body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    throw storageErrors.invalid('Metadata part is too large or invalid JSON.');
  }
  const target = uploadTarget(bucket, call.url.searchParams, metadata);
  target.contentType ??= parts[1].headers['content-type'];
  const media = [parts[1].body];
  const object = finishUpload(call.store, target, media, hashBytes(media), declaredHashes(call.req.headers));
  sendJson(call.res, 200, renderObject(object, call.origin));
}
