import type { Store } from '../state/store';
import { OBJECTS, deleteObject, etagOf, getObject, listObjects, objectKey } from './objects';
import type { ObjectResource, StoredObject } from './objects';
import { decodePageToken, encodePageToken, maxResultsOf, renderObject, storageErrors } from './json-api';
import { getBucketOrThrow } from './buckets-api';
import type { StorageCall } from './buckets-api';
import { readJson, sendJson } from './http-io';

/** Checks ifGenerationMatch & co. against the live object (generation 0 means "must not exist"). */
export function checkPreconditions(params: URLSearchParams, current: ObjectResource | undefined): void {
  const generation = current?.generation ?? '0';
  const metageneration = current?.metageneration;
  const match = params.get('ifGenerationMatch');
  const notMatch = params.get('ifGenerationNotMatch');
  const metaMatch = params.get('ifMetagenerationMatch');
  const metaNotMatch = params.get('ifMetagenerationNotMatch');
  if (
    (match !== null && match !== generation) ||
    (notMatch !== null && notMatch === generation) ||
    (metaMatch !== null && metaMatch !== metageneration) ||
    (metaNotMatch !== null && metaNotMatch === metageneration)
  ) {
    throw storageErrors.conditionNotMet();
  }
}

export function getObjectOrThrow(store: Store, bucket: string, name: string, params: URLSearchParams): StoredObject {
  getBucketOrThrow(store, bucket);
  const object = getObject(store, bucket, name);
  const wanted = params.get('generation');
  if (!object || (wanted && wanted !== object.resource.generation)) throw storageErrors.noSuchObject(bucket, name);
  return object;
}

export async function listObjectsCall({ res, url, store, origin }: StorageCall, bucket: string): Promise<void> {
  getBucketOrThrow(store, bucket);
  const params = url.searchParams;
  const prefix = params.get('prefix') ?? '';
  const delimiter = params.get('delimiter') ?? '';
  const includeTrailing = params.get('includeTrailingDelimiter') === 'true';
  const startOffset = params.get('startOffset') ?? '';
  const endOffset = params.get('endOffset');
  const max = maxResultsOf(params);
  const token = params.get('pageToken');
  const resume = token ? decodePageToken(token) : undefined;

  const items: ObjectResource[] = [];
  const prefixes: string[] = [];
  let last: { key: string; prefix: boolean } | undefined;
  let more = false;
  for (const object of listObjects(store, bucket, prefix)) {
    const name = object.name;
    if (name < startOffset || (endOffset !== null && name >= endOffset)) continue;
    if (resume && (name <= resume.after || (resume.prefix && name.startsWith(resume.after)))) continue;
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    const commonPrefix = cut >= 0 ? name.slice(0, cut + delimiter.length) : undefined;
    if (commonPrefix !== undefined && last?.prefix && last.key === commonPrefix) {
      if (includeTrailing && name === commonPrefix) items.push(object);
      continue;
    }
    if (items.length + prefixes.length >= max) {
      more = true;
      break;
    }
    if (commonPrefix !== undefined) {
      prefixes.push(commonPrefix);
      last = { key: commonPrefix, prefix: true };
      if (includeTrailing && name === commonPrefix) items.push(object);
    } else {
      items.push(object);
      last = { key: name, prefix: false };
    }
  }
  sendJson(res, 200, {
    kind: 'storage#objects',
    ...(more && last ? { nextPageToken: encodePageToken(last.key, last.prefix) } : {}),
    ...(prefixes.length > 0 ? { prefixes } : {}),
    ...(items.length > 0 ? { items: items.map((o) => renderObject(o, origin)) } : {}),
  });
}

export async function deleteObjectCall({ res, url, store }: StorageCall, bucket: string, name: string): Promise<void> {
  const object = getObjectOrThrow(store, bucket, name, url.searchParams);
  checkPreconditions(url.searchParams, object.resource);
  deleteObject(store, bucket, name);
  res.writeHead(204).end();
}

const PATCHABLE = ['contentType', 'contentEncoding', 'contentDisposition', 'contentLanguage', 'cacheControl', 'metadata'];

/** objects.patch: writable metadata only; `metadata: {k: null}` removes a key, as in the API. */
export async function patchObjectCall({ req, res, url, store, origin }: StorageCall, bucket: string, name: string): Promise<void> {
  const object = getObjectOrThrow(store, bucket, name, url.searchParams);
  checkPreconditions(url.searchParams, object.resource);
  const body = await readJson(req);
  const next: ObjectResource = { ...object.resource };
  for (const field of PATCHABLE) {
    if (!(field in body)) continue;
    if (field === 'metadata') {
      const merged: Record<string, string> = { ...(next.metadata ?? {}) };
      for (const [k, v] of Object.entries((body.metadata ?? {}) as Record<string, unknown>)) {
        if (v === null) delete merged[k];
        else merged[k] = String(v);
      }
      if (body.metadata === null || Object.keys(merged).length === 0) delete next.metadata;
      else next.metadata = merged;
    } else if (body[field] === null) {
      delete next[field];
    } else {
      next[field] = body[field];
    }
  }
  next.metageneration = String(Number(object.resource.metageneration) + 1);
  next.etag = etagOf(next.generation, next.metageneration);
  next.updated = new Date().toISOString();
  store.put<StoredObject>(OBJECTS, objectKey(bucket, name), { resource: next, data: object.data });
  sendJson(res, 200, renderObject(next, origin));
}

export async function getObjectMetadataCall({ res, url, store, origin }: StorageCall, bucket: string, name: string): Promise<void> {
  const object = getObjectOrThrow(store, bucket, name, url.searchParams);
  checkPreconditions(url.searchParams, object.resource);
  sendJson(res, 200, renderObject(object.resource, origin));
}
