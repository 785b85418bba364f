import { createHash, randomBytes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { Store } from '../state/store';
import type { ObjectResource } from './objects';
import { getObject } from './objects';
import { crc32cBase64, crc32cUpdate } from './crc32c';
import { StorageError, renderObject, storageErrors } from './json-api';
import { getBucketOrThrow } from './buckets-api';
import type { StorageCall } from './buckets-api';
import { checkPreconditions } from './objects-api';
import { declaredHashes, finishUpload, uploadTarget } from './uploads';
import type { UploadTarget } from './uploads';
import { readJson, sendJson } from './http-io';
import { ByteSink, announcedSize } from './byte-sink';

/**
 * Resumable uploads: a POST opens a session (its URL in `Location`), PUTs carry the bytes with
 * `Content-Range`, 308 + `Range` says how much is persisted, `bytes *\/N` asks for the status.
 * Bytes are hashed as they arrive and, when the size is announced, written into one buffer.
 * An unknown (expired, cancelled) session is 404, as GCS answers once a session is gone.
 */
interface Session {
  target: UploadTarget;
  traffic: UploadTraffic;
  sink: ByteSink;
  crc: number;
  md5: Hash;
  done?: ObjectResource;
}

/**
 * What reached the emulator for one object through resumable sessions: every body byte, those of
 * failed, repeated or aborted requests included, so a test can tell how much a client sent again.
 */
export interface UploadTraffic {
  bytesReceived: number;
  sessionsOpened: number;
}

const sessionsByStore = new WeakMap<Store, Map<string, Session>>();
const trafficByStore = new WeakMap<Store, Map<string, UploadTraffic>>();

export function uploadTraffic(store: Store, bucket: string, name: string): UploadTraffic {
  let traffic = trafficByStore.get(store);
  if (!traffic) {
    traffic = new Map();
    trafficByStore.set(store, traffic);
  }
  const key = `${bucket}/${name}`;
  let entry = traffic.get(key);
  if (!entry) {
    entry = { bytesReceived: 0, sessionsOpened: 0 };
    traffic.set(key, entry);
  }
  return entry;
}

/** Counts body bytes of a session's request that were read elsewhere (a failed request's drained body). */
export function noteSessionBytes(store: Store, uploadId: string, bytes: number): void {
  const session = sessionsOf(store).get(uploadId);
  if (session) session.traffic.bytesReceived += bytes;
}

/** Forgets every open session, as if they had expired: later requests to them get 404. */
export function expireUploadSessions(store: Store): void {
  sessionsOf(store).clear();
}

function sessionsOf(store: Store): Map<string, Session> {
  let sessions = sessionsByStore.get(store);
  if (!sessions) {
    sessions = new Map();
    sessionsByStore.set(store, sessions);
  }
  return sessions;
}

export async function startResumable(call: StorageCall, bucket: string): Promise<void> {
  getBucketOrThrow(call.store, bucket);
  const target = uploadTarget(bucket, call.url.searchParams, await readJson(call.req));
  target.contentType ??= headerOf(call, 'x-upload-content-type');
  checkPreconditions(target.params, getObject(call.store, bucket, target.name)?.resource);
  const id = randomBytes(24).toString('base64url');
  const traffic = uploadTraffic(call.store, bucket, target.name);
  traffic.sessionsOpened += 1;
  sessionsOf(call.store).set(id, {
    target,
    traffic,
    sink: new ByteSink(announcedSize(call.req.headers['x-upload-content-length'])),
    crc: 0,
    md5: createHash('md5'),
  });
  const params = new URLSearchParams(call.url.searchParams);
  params.set('name', target.name);
  params.set('upload_id', id);
  const location = `${call.origin}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?${params}`;
  call.res.writeHead(200, { Location: location, 'X-GUploader-UploadID': id, 'Content-Length': 0 });
  call.res.end();
}

function headerOf(call: StorageCall, name: string): string | undefined {
  const value = call.req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type ContentRange =
  | { kind: 'whole' }
  | { kind: 'status'; total?: number }
  | { kind: 'data'; start: number; end?: number; total?: number };

/** `bytes a-b/T`, `bytes a-b/*`, `bytes a-*\/T` (rest of body), `bytes *\/T` (status query). */
function parseContentRange(header: string | undefined): ContentRange | undefined {
  if (header === undefined) return { kind: 'whole' };
  const m = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(header.trim());
  if (!m) return undefined;
  const total = m[3] === '*' ? undefined : Number(m[3]);
  if (m[1] === undefined) return { kind: 'status', total };
  return { kind: 'data', start: Number(m[1]), end: m[2] === '*' ? undefined : Number(m[2]), total };
}

function sessionOrThrow(call: StorageCall): [string, Session] {
  const id = call.url.searchParams.get('upload_id') ?? '';
  const session = sessionsOf(call.store).get(id);
  if (!session) throw new StorageError(404, 'notFound', 'No such upload session.');
  return [id, session];
}

export async function cancelResumable(call: StorageCall): Promise<void> {
  const [id] = sessionOrThrow(call);
  sessionsOf(call.store).delete(id);
  call.res.writeHead(499, { 'Content-Length': 0 }).end();
}

async function drain(call: StorageCall, session: Session): Promise<void> {
  for await (const chunk of call.req) session.traffic.bytesReceived += (chunk as Buffer).length;
}

function incomplete(call: StorageCall, received: number): void {
  call.res.writeHead(308, {
    ...(received > 0 ? { Range: `bytes=0-${received - 1}` } : {}),
    'X-GUploader-UploadID': call.url.searchParams.get('upload_id') ?? '',
    'Content-Length': 0,
  });
  call.res.end();
}

function complete(call: StorageCall, session: Session): void {
  const hashes = { crc32c: crc32cBase64(session.crc), md5Hash: session.md5.copy().digest('base64') };
  session.done = finishUpload(call.store, session.target, session.sink.chunks(), hashes, declaredHashes(call.req.headers));
  session.sink = new ByteSink(undefined);
  sendJson(call.res, 200, renderObject(session.done, call.origin));
}

export async function putResumable(call: StorageCall): Promise<void> {
  const [, session] = sessionOrThrow(call);
  const range = parseContentRange(headerOf(call, 'content-range'));
  if (session.done || !range || range.kind === 'status') {
    await drain(call, session);
    if (session.done) sendJson(call.res, 200, renderObject(session.done, call.origin));
    else if (!range) throw storageErrors.invalid('Failed to parse Content-Range header.');
    else if (range.kind === 'status' && range.total === session.sink.length) complete(call, session);
    else incomplete(call, session.sink.length);
    return;
  }
  const received = session.sink.length;
  const start = range.kind === 'data' ? range.start : 0;
  if (start > received) {
    await drain(call, session);
    throw storageErrors.invalid(
      `Invalid request. According to the Content-Range header, the upload offset is ${start} byte(s), which exceeds already uploaded size of ${received} byte(s).`,
    );
  }
  let skip = received - start;
  for await (const raw of call.req) {
    let chunk = raw as Buffer;
    session.traffic.bytesReceived += chunk.length;
    if (skip > 0) {
      if (chunk.length <= skip) {
        skip -= chunk.length;
        continue;
      }
      chunk = chunk.subarray(skip);
      skip = 0;
    }
    session.sink.append(chunk);
    session.crc = crc32cUpdate(session.crc, chunk);
    session.md5.update(chunk);
  }
  const endsWithRequest = range.kind === 'whole' || (range.end === undefined && range.total === undefined);
  const total = range.kind === 'data' && range.total !== undefined ? range.total : endsWithRequest ? session.sink.length : undefined;
  if (total === undefined || session.sink.length < total) {
    incomplete(call, session.sink.length);
    return;
  }
  if (session.sink.length > total) {
    throw storageErrors.invalid(`Invalid request. The upload exceeds the declared size of ${total} byte(s).`);
  }
  complete(call, session);
}
