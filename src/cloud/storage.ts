// Cloud Storage through @google-cloud/storage (loaded lazily): staging buckets, uploads of one
// stream or of many files in parallel, and ranged reads (a build's growing log file).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bucket, Storage } from '@google-cloud/storage';
import type { AuthClient } from 'google-auth-library';
import { toApiError } from './apiErrors';
import type { ApiError } from './apiErrors';
import type { Connection } from './connection';
import { resolveEndpoint } from './endpoints';
import { loadStorage } from './googleLibs';
import type { StorageModule } from './googleLibs';
import { ApiCallError } from './restJson';

/**
 * Files at least this big go up as resumable uploads in chunks: after a failed chunk the upload
 * continues its session from the last byte the service committed, so a dropped connection costs
 * at most one chunk.
 */
export const RESUMABLE_THRESHOLD_BYTES = 8 * 1024 * 1024;
export const CHUNK_BYTES = 8 * 1024 * 1024;
const RESUME_ATTEMPTS = 5;
const RESUME_FIRST_DELAY_MS = 500;
export const DEFAULT_UPLOAD_CONCURRENCY = 8;
const TOKEN_REUSE_MS = 4 * 60 * 1000;

export interface GcsLocation {
  bucket: string;
  object: string;
}

const clients = new WeakMap<Connection, Storage>();

/** One client per connection, so uploads share its keep-alive connections. */
export function storageClient(conn: Connection): Storage {
  let client = clients.get(conn);
  if (client === undefined) {
    const endpoint = resolveEndpoint('storage', conn.region, conn.overrides);
    const { Storage: StorageClass } = loadStorage();
    const custom = conn.overrides.storage?.trim() ? { apiEndpoint: endpoint.url, useAuthWithCustomEndpoint: !endpoint.local } : {};
    client = new StorageClass({
      projectId: conn.project,
      ...custom,
      ...(!endpoint.local && conn.authClient && { authClient: forwardingAuthClient(conn.authClient) }),
    });
    clients.set(conn, client);
  }
  return client;
}

/**
 * The storage library brings its own, older auth library, which cannot use the session's client
 * (their header types differ). It gets a client of its own version that asks the session's client
 * for each token, so impersonation and the quota project apply to storage calls too.
 */
function forwardingAuthClient(session: AuthClient): InstanceType<StorageModule['StorageOAuth2Client']> {
  const client = new (loadStorage().StorageOAuth2Client)();
  client.refreshHandler = async () => {
    const { token } = await session.getAccessToken();
    if (!token) throw new Error('Google Cloud gave no access token for Cloud Storage. Sign in again.');
    // The session's client renews its own token; asking it again every few minutes is cheap.
    return { access_token: token, expiry_date: Date.now() + TOKEN_REUSE_MS };
  };
  if (session.quotaProjectId) client.quotaProjectId = session.quotaProjectId;
  return client;
}

/**
 * A resumable upload that gives up (the library does not retry uploads without preconditions)
 * throws a plain Error, "Retry limit exceeded - status: 503 - {JSON body}": its body is the API's error.
 */
const RESUMABLE_GAVE_UP = /^Retry limit exceeded - status: \d{3} - (\{[\s\S]*\})$/;

function apiErrorOf(err: unknown): ApiError | undefined {
  const gaveUp = err instanceof Error ? RESUMABLE_GAVE_UP.exec(err.message) : null;
  return toApiError(err) ?? (gaveUp ? toApiError({ response: { data: gaveUp[1] } }) : undefined);
}

/** Storage errors in the one API error shape; anything else is rethrown as it is. */
function rethrow(err: unknown): never {
  const api = apiErrorOf(err);
  throw api ? new ApiCallError('storage', api) : err;
}

async function withApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    rethrow(err);
  }
}

/**
 * The bucket, created in `location` when it does not exist yet, as gcloud does for
 * `<project>_cloudbuild`. Returns whether it was created.
 */
export async function ensureBucket(conn: Connection, name: string, location: string): Promise<{ created: boolean }> {
  const bucket = storageClient(conn).bucket(name);
  const [exists] = await withApiErrors(() => bucket.exists());
  if (exists) return { created: false };
  try {
    await storageClient(conn).createBucket(name, { location });
    return { created: true };
  } catch (err) {
    // Someone else made it in between.
    if (toApiError(err)?.status === 'ABORTED' || (err as { code?: unknown }).code === 409) return { created: false };
    rethrow(err);
  }
}

export interface UploadedObject {
  uri: string;
  bytes: number;
  generation?: string;
}

/** Uploads a stream (a tarball being made) as one object, resumably: its size is not known up front. */
export async function uploadStream(conn: Connection, target: GcsLocation, source: Readable, contentType: string): Promise<UploadedObject> {
  const file = storageClient(conn).bucket(target.bucket).file(target.object);
  let bytes = 0;
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await withApiErrors(() => pipeline(source, file.createWriteStream({ resumable: true, chunkSize: CHUNK_BYTES, validation: 'crc32c', metadata: { contentType } })));
  const generation = file.metadata.generation;
  return { uri: `gs://${target.bucket}/${target.object}`, bytes, ...(generation !== undefined && { generation: String(generation) }) };
}

export interface UploadItem {
  /** Local file. */
  source: string;
  /** Object name in the bucket. */
  object: string;
}

export interface UploadOptions {
  /** How many files are in flight at once; 1 uploads them one by one. */
  concurrency?: number;
  onProgress?(done: { files: number; bytes: number }, total: { files: number; bytes: number }): void;
  signal?: AbortSignal;
}

interface LocalFile {
  size: number;
  mtimeMs: number;
}

/** A resumable session opened for one local file, reusable while the file is unchanged. */
interface KnownSession extends LocalFile {
  uri: string;
  source: string;
}

const sessionsByClient = new WeakMap<Storage, Map<string, KnownSession>>();

function knownSessions(client: Storage): Map<string, KnownSession> {
  let sessions = sessionsByClient.get(client);
  if (sessions === undefined) {
    sessions = new Map();
    sessionsByClient.set(client, sessions);
  }
  return sessions;
}

/** The service's answer for a session it no longer has: expired (404, 410) or cancelled (499). */
function sessionGone(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = Number(e.response?.status ?? e.status ?? e.code);
  return status === 404 || status === 410 || status === 499;
}

async function sendResumable(bucket: Bucket, item: UploadItem, local: LocalFile, sessions: Map<string, KnownSession>, uri: string | undefined, signal?: AbortSignal): Promise<void> {
  const key = `${bucket.name}/${item.object}`;
  // Given a session, the library asks it for the committed offset and skips that much of the file.
  const upload = bucket.file(item.object).createWriteStream({
    resumable: true,
    chunkSize: CHUNK_BYTES,
    validation: 'crc32c',
    metadata: { contentLength: local.size },
    ...(uri !== undefined && { uri }),
  });
  upload.on('uri', (opened: string) => sessions.set(key, { uri: opened, source: item.source, ...local }));
  try {
    await pipeline(createReadStream(item.source), upload, ...(signal ? [{ signal }] : []));
  } catch (err) {
    // Bytes that arrived wrong (checksum mismatch) are in the session: continuing it cannot fix them.
    if ((err as { code?: unknown }).code === 'FILE_NO_UPLOAD') sessions.delete(key);
    throw err;
  }
  sessions.delete(key);
}

/**
 * The error of a failure the library would have retried had it retried uploads without
 * preconditions. Staging uploads have none on purpose: a re-run overwrites what an earlier run
 * left, whose generation we do not know.
 */
const LIBRARY_WOULD_RETRY = /^Retry (total time )?limit exceeded/;
const TRANSIENT = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'INTERNAL', 'ABORTED', 'RESOURCE_EXHAUSTED']);

/** A failed chunk or status query that is worth continuing the session after. */
function worthResuming(err: unknown): boolean {
  const api = apiErrorOf(err);
  if (api) return TRANSIENT.has(api.status);
  if (err instanceof Error && LIBRARY_WOULD_RETRY.test(err.message)) return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN)$/.test(code);
}

/**
 * A large file continues the session an earlier attempt left open for the same unchanged file:
 * after a failed chunk here (the library's own chunk retry is not used: in v7 a status query that
 * fails during it breaks the upload with an uncaught error), or in a later run after a cancel or
 * after this gave up. A session that is gone starts over in a new one.
 */
async function uploadLarge(bucket: Bucket, item: UploadItem, local: LocalFile, signal?: AbortSignal): Promise<void> {
  const sessions = knownSessions(bucket.storage);
  const key = `${bucket.name}/${item.object}`;
  for (let attempt = 1; ; attempt++) {
    const known = sessions.get(key);
    const reusable = known !== undefined && known.source === item.source && known.size === local.size && known.mtimeMs === local.mtimeMs;
    if (!reusable) sessions.delete(key);
    try {
      await sendResumable(bucket, item, local, sessions, reusable ? known.uri : undefined, signal);
      return;
    } catch (err) {
      if (signal?.aborted) throw err;
      if (reusable && sessionGone(err)) {
        sessions.delete(key);
        continue;
      }
      if (attempt >= RESUME_ATTEMPTS || !worthResuming(err)) throw err;
      await sleep(RESUME_FIRST_DELAY_MS * 2 ** (attempt - 1), undefined, signal ? { signal } : undefined);
    }
  }
}

async function uploadOne(bucket: Bucket, item: UploadItem, local: LocalFile, signal?: AbortSignal): Promise<void> {
  if (local.size >= RESUMABLE_THRESHOLD_BYTES) return uploadLarge(bucket, item, local, signal);
  await bucket.upload(item.source, { destination: item.object, resumable: false, validation: 'crc32c' });
}

/**
 * Uploads files with a bounded number in flight, biggest first so one large file does not start
 * last. Small files are single requests; large ones resumable, in chunks, and a cancel stops them
 * mid-file. The first failure stops new uploads and is thrown once those in flight have settled.
 */
export async function uploadFiles(conn: Connection, bucketName: string, items: readonly UploadItem[], options: UploadOptions = {}): Promise<UploadedObject[]> {
  const bucket = storageClient(conn).bucket(bucketName);
  const sized = await Promise.all(
    items.map(async (item) => {
      const { size, mtimeMs } = await stat(item.source);
      return { item, size, local: { size, mtimeMs } };
    }),
  );
  const queue = [...sized].sort((a, b) => b.size - a.size);
  const total = { files: sized.length, bytes: sized.reduce((n, s) => n + s.size, 0) };
  const done = { files: 0, bytes: 0 };
  const uploaded: UploadedObject[] = [];
  let failure: unknown;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined && failure === undefined; next = queue.shift()) {
      if (options.signal?.aborted) {
        failure = options.signal.reason ?? new DOMException('The upload was cancelled.', 'AbortError');
        return;
      }
      try {
        await uploadOne(bucket, next.item, next.local, options.signal);
      } catch (err) {
        failure ??= options.signal?.aborted ? options.signal.reason ?? err : err;
        return;
      }
      done.files += 1;
      done.bytes += next.size;
      uploaded.push({ uri: `gs://${bucketName}/${next.item.object}`, bytes: next.size });
      options.onProgress?.({ ...done }, total);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) rethrow(failure);
  return uploaded;
}

/** Bytes of an object from `start` on; undefined while the object does not exist. */
export async function readObjectFrom(conn: Connection, target: GcsLocation, start: number): Promise<Buffer | undefined> {
  const file = storageClient(conn).bucket(target.bucket).file(target.object);
  try {
    const [metadata] = await file.getMetadata();
    if (Number(metadata.size ?? 0) <= start) return Buffer.alloc(0);
    const [data] = await file.download({ start, validation: false });
    return data;
  } catch (err) {
    if (toApiError(err)?.status === 'NOT_FOUND') return undefined;
    rethrow(err);
  }
}
