import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../state/store';
import { BUCKETS, createBucket, getBucket, listObjects } from './objects';
import type { StoredBucket } from './objects';
import { StorageError, decodePageToken, encodePageToken, maxResultsOf, renderBucket, storageErrors } from './json-api';
import { readJson, sendJson } from './http-io';

export interface StorageCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  store: Store;
  origin: string;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;
const STORAGE_CLASSES = new Set(['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE', 'MULTI_REGIONAL', 'REGIONAL', 'DURABLE_REDUCED_AVAILABILITY']);

function validBucketName(name: string): boolean {
  if (!BUCKET_NAME.test(name) || name.startsWith('goog') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  return name.includes('.') ? name.split('.').every((part) => part.length > 0 && part.length <= 63) : name.length <= 63;
}

export async function insertBucket({ req, res, url, store, origin }: StorageCall): Promise<void> {
  const project = url.searchParams.get('project');
  if (!project) throw storageErrors.required('project');
  const body = await readJson(req);
  const name = typeof body.name === 'string' ? body.name : '';
  if (!name) throw storageErrors.required('resource.name');
  if (!validBucketName(name)) throw storageErrors.invalid(`Invalid bucket name: '${name}'`);
  const existing = getBucket(store, name);
  if (existing) {
    throw new StorageError(
      409,
      'conflict',
      existing.project === project
        ? 'Your previous request to create the named bucket succeeded and you already own it.'
        : 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    );
  }
  const storageClass = typeof body.storageClass === 'string' ? body.storageClass.toUpperCase() : undefined;
  if (storageClass && !STORAGE_CLASSES.has(storageClass)) throw storageErrors.invalid(`Invalid storage class: ${body.storageClass}`);
  const { name: _n, location, storageClass: _s, ...extra } = body;
  const bucket = createBucket(store, project, name, {
    location: typeof location === 'string' ? location : undefined,
    storageClass,
    extra,
  });
  sendJson(res, 200, renderBucket(bucket, origin));
}

export function getBucketOrThrow(store: Store, name: string): StoredBucket {
  const bucket = getBucket(store, name);
  if (!bucket) throw storageErrors.noSuchBucket();
  return bucket;
}

export async function readBucket({ res, store, origin }: StorageCall, name: string): Promise<void> {
  sendJson(res, 200, renderBucket(getBucketOrThrow(store, name).resource, origin));
}

export async function deleteBucket({ res, store }: StorageCall, name: string): Promise<void> {
  getBucketOrThrow(store, name);
  if (listObjects(store, name).length > 0) throw new StorageError(409, 'conflict', 'The bucket you tried to delete is not empty.');
  store.remove(BUCKETS, name);
  res.writeHead(204).end();
}

export async function listBuckets({ res, url, store, origin }: StorageCall): Promise<void> {
  const project = url.searchParams.get('project');
  if (!project) throw storageErrors.required('project');
  const prefix = url.searchParams.get('prefix') ?? '';
  const max = maxResultsOf(url.searchParams);
  const token = url.searchParams.get('pageToken');
  const after = token ? decodePageToken(token).after : undefined;
  const all = [...store.collection<StoredBucket>(BUCKETS).values()]
    .filter((b) => b.project === project && b.resource.name.startsWith(prefix) && (after === undefined || b.resource.name > after))
    .map((b) => b.resource)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = all.slice(0, max);
  sendJson(res, 200, {
    kind: 'storage#buckets',
    ...(all.length > max ? { nextPageToken: encodePageToken(page[page.length - 1].name, false) } : {}),
    ...(page.length > 0 ? { items: page.map((b) => renderBucket(b, origin)) } : {}),
  });
}
