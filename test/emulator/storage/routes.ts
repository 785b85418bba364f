import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../core/emulator';
import type { HttpRoute } from '../core/http-route';
import { NoSuchBucketError, registerStorageCodecs } from './objects';
import { StorageError, sendStorageError, storageErrors } from './json-api';
import { deleteBucket, insertBucket, listBuckets, readBucket } from './buckets-api';
import type { StorageCall } from './buckets-api';
import { deleteObjectCall, getObjectMetadataCall, listObjectsCall, patchObjectCall } from './objects-api';
import { downloadObject } from './download';
import { mediaUpload, multipartUpload } from './uploads';
import { cancelResumable, expireUploadSessions, noteSessionBytes, putResumable, startResumable, uploadTraffic } from './resumable';
import { BadJsonError, originOf, pathSegments, sendJson } from './http-io';

type Handler = (call: StorageCall) => Promise<void>;

/** Which JSON API method a request is, with its handler; undefined when no method matches. */
function resolve(method: string, area: string, rest: string[], params: URLSearchParams): { id: string; run: Handler } | undefined {
  const [b, bucket, o, ...objectParts] = rest;
  const object = objectParts.join('/');
  if (b !== 'b') return undefined;
  if (area === 'upload') {
    if (bucket === undefined || o !== 'o' || objectParts.length > 0) return undefined;
    const type = params.get('uploadType');
    if (method === 'POST' && type === 'media') return { id: 'storage.objects.insert', run: (c) => mediaUpload(c, bucket) };
    if (method === 'POST' && type === 'multipart') return { id: 'storage.objects.insert', run: (c) => multipartUpload(c, bucket) };
    if (method === 'POST' && type === 'resumable' && !params.has('upload_id')) return { id: 'storage.objects.insert', run: (c) => startResumable(c, bucket) };
    if ((method === 'PUT' || method === 'POST') && params.has('upload_id')) return { id: 'storage.objects.insert', run: putResumable };
    if (method === 'DELETE' && params.has('upload_id')) return { id: 'storage.objects.insert', run: cancelResumable };
    return { id: 'storage.objects.insert', run: async () => { throw storageErrors.invalid(`Invalid upload request (uploadType=${type ?? ''}).`); } };
  }
  if (area === 'download') {
    if (bucket === undefined || o !== 'o' || !object || (method !== 'GET' && method !== 'HEAD')) return undefined;
    return { id: 'storage.objects.get', run: (c) => downloadObject(c, bucket, object) };
  }
  if (bucket === undefined) {
    if (method === 'GET') return { id: 'storage.buckets.list', run: listBuckets };
    if (method === 'POST') return { id: 'storage.buckets.insert', run: insertBucket };
    return undefined;
  }
  if (o === undefined) {
    if (method === 'GET') return { id: 'storage.buckets.get', run: (c) => readBucket(c, bucket) };
    if (method === 'DELETE') return { id: 'storage.buckets.delete', run: (c) => deleteBucket(c, bucket) };
    return undefined;
  }
  if (o !== 'o') return undefined;
  if (!object) return method === 'GET' ? { id: 'storage.objects.list', run: (c) => listObjectsCall(c, bucket) } : undefined;
  if (method === 'GET' && params.get('alt') === 'media') return { id: 'storage.objects.get', run: (c) => downloadObject(c, bucket, object) };
  if (method === 'GET') return { id: 'storage.objects.get', run: (c) => getObjectMetadataCall(c, bucket, object) };
  if (method === 'DELETE') return { id: 'storage.objects.delete', run: (c) => deleteObjectCall(c, bucket, object) };
  if (method === 'PATCH') return { id: 'storage.objects.patch', run: (c) => patchObjectCall(c, bucket, object) };
  return undefined;
}

/** Answers with the error once the body is consumed (else the client may see a reset); returns the bytes drained. */
async function respondError(req: IncomingMessage, res: ServerResponse, e: unknown): Promise<number> {
  let drained = 0;
  try {
    if (!req.readableEnded) for await (const chunk of req) drained += (chunk as Buffer).length;
  } catch {
    // The client went away mid-body (a cancelled upload); the answer below goes nowhere.
  }
  respondWith(res, e);
  return drained;
}

function respondWith(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (e instanceof StorageError) sendStorageError(res, e);
  else if (e instanceof NoSuchBucketError) sendStorageError(res, storageErrors.noSuchBucket());
  else if (e instanceof BadJsonError) sendStorageError(res, new StorageError(400, 'parseError', e.message));
  else sendStorageError(res, new StorageError(500, 'backendError', e instanceof Error ? e.message : String(e)));
}

/**
 * Emulator-only, outside the API (and outside /emulator/v1/, which the control routes own):
 * `GET /emulator/storage/uploads?bucket=B&object=O` is the object's resumable upload traffic,
 * `DELETE /emulator/storage/uploads` expires every open upload session.
 */
function uploadsControl(emu: Emulator, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method === 'DELETE') {
    expireUploadSessions(emu.store);
    sendJson(res, 200, {});
    return;
  }
  const bucket = url.searchParams.get('bucket');
  const object = url.searchParams.get('object');
  if (req.method !== 'GET' || !bucket || !object) {
    sendStorageError(res, storageErrors.invalid('Use GET with bucket and object, or DELETE.'));
    return;
  }
  sendJson(res, 200, uploadTraffic(emu.store, bucket, object));
}

/**
 * The Cloud Storage JSON API under `/storage/v1`, `/upload/storage/v1` (also
 * `/resumable/upload/...`) and `/download/storage/v1`. Faults are keyed by the API's
 * method ids (`storage.objects.insert`, `storage.objects.get`, `storage.buckets.list`, ...).
 */
export function storageRoutes(emu: Emulator): HttpRoute {
  registerStorageCodecs(emu.store);
  return async (req, res, url) => {
    if (url.pathname === '/emulator/storage/uploads') {
      uploadsControl(emu, req, res, url);
      return true;
    }
    const segments = pathSegments(url.pathname);
    if (!segments) return false;
    let area: string;
    let rest: string[];
    if (segments[0] === 'storage' && segments[1] === 'v1') [area, rest] = ['json', segments.slice(2)];
    else if ((segments[0] === 'upload' || segments[0] === 'download') && segments[1] === 'storage' && segments[2] === 'v1') {
      [area, rest] = [segments[0], segments.slice(3)];
    } else if (segments[0] === 'resumable' && segments[1] === 'upload' && segments[2] === 'storage' && segments[3] === 'v1') {
      // apitools (gcloud) opens resumable sessions under /resumable/upload/...
      [area, rest] = ['upload', segments.slice(4)];
    } else return false;
    const found = resolve(req.method ?? 'GET', area, rest, url.searchParams);
    if (!found) return false;
    try {
      const fault = emu.faults.take(found.id);
      if (fault.latencyMs > 0) await emu.timers.sleep(fault.latencyMs);
      if (fault.error) throw new StorageError(fault.error.httpStatus, fault.error.status.toLowerCase(), fault.error.message);
      await found.run({ req, res, url, store: emu.store, origin: originOf(req) });
    } catch (e) {
      const drained = await respondError(req, res, e);
      const uploadId = area === 'upload' ? url.searchParams.get('upload_id') : null;
      if (uploadId) noteSessionBytes(emu.store, uploadId, drained);
    }
    return true;
  };
}
