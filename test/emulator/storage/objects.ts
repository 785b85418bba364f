import { createHash } from 'node:crypto';
import type { Store } from '../state/store';
import { projectNumber } from '../core/resource-names';
import { crc32cBase64, crc32cUpdate } from './crc32c';

/**
 * Cloud Storage state, shared by the storage routes and by other services (jobs write model
 * files, model upload checks artifacts, Cloud Build reads sources and writes logs).
 * Buckets live in 'storage.buckets' keyed by bucket name; objects in 'storage.objects' keyed
 * by `bucket/name`, as metadata (JSON API field names, without links) plus the bytes.
 */
export const BUCKETS = 'storage.buckets';
export const OBJECTS = 'storage.objects';

export interface BucketResource {
  kind: 'storage#bucket';
  id: string;
  name: string;
  projectNumber: string;
  metageneration: string;
  location: string;
  locationType: string;
  storageClass: string;
  etag: string;
  timeCreated: string;
  updated: string;
  [field: string]: unknown;
}

export interface StoredBucket {
  project: string;
  resource: BucketResource;
}

export interface ObjectResource {
  kind: 'storage#object';
  id: string;
  name: string;
  bucket: string;
  generation: string;
  metageneration: string;
  contentType: string;
  storageClass: string;
  size: string;
  md5Hash: string;
  crc32c: string;
  etag: string;
  timeCreated: string;
  updated: string;
  timeStorageClassUpdated: string;
  metadata?: Record<string, string>;
  [field: string]: unknown;
}

export interface StoredObject {
  resource: ObjectResource;
  data: Buffer;
}

export class NoSuchBucketError extends Error {
  constructor(readonly bucket: string) {
    super(`The specified bucket does not exist: ${bucket}`);
  }
}

/** Hashes computed while bytes arrive, so large uploads are never re-read. */
export interface ObjectHashes {
  crc32c: string;
  md5Hash: string;
}

export function hashBytes(chunks: Iterable<Uint8Array>): ObjectHashes {
  const md5 = createHash('md5');
  let crc = 0;
  for (const chunk of chunks) {
    crc = crc32cUpdate(crc, chunk);
    md5.update(chunk);
  }
  return { crc32c: crc32cBase64(crc), md5Hash: md5.digest('base64') };
}

export function registerStorageCodecs(store: Store): void {
  store.registerCodec<StoredObject>(OBJECTS, {
    encode: (o) => ({ resource: o.resource, data: o.data.toString('base64') }),
    decode: (json) => {
      const j = json as { resource: ObjectResource; data: string };
      return { resource: j.resource, data: Buffer.from(j.data, 'base64') };
    },
  });
}

/** Like the real API's etags: base64 of a small proto with generation (1) and metageneration (2). */
export function etagOf(generation: string | undefined, metageneration: string): string {
  const varint = (v: bigint): number[] => {
    const out: number[] = [];
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      out.push(b);
    } while (v > 0n);
    return out;
  };
  const bytes = [
    ...(generation ? [0x08, ...varint(BigInt(generation))] : []),
    0x10,
    ...varint(BigInt(metageneration)),
  ];
  return Buffer.from(bytes).toString('base64');
}

let lastGeneration = 0n;
/** Generations are microsecond timestamps, strictly increasing within a run. */
function nextGeneration(): string {
  const now = BigInt(Date.now()) * 1000n;
  lastGeneration = now > lastGeneration ? now : lastGeneration + 1n;
  return String(lastGeneration);
}

export function createBucket(
  store: Store,
  project: string,
  name: string,
  options: { location?: string; storageClass?: string; extra?: Record<string, unknown> } = {},
): BucketResource {
  const now = new Date().toISOString();
  const location = (options.location ?? 'US').toUpperCase();
  const resource: BucketResource = {
    ...options.extra,
    kind: 'storage#bucket',
    id: name,
    name,
    projectNumber: projectNumber(store, project),
    metageneration: '1',
    location,
    locationType: /^(US|EU|ASIA)$/.test(location) ? 'multi-region' : location.includes('+') || /^(NAM4|EUR4|ASIA1)$/.test(location) ? 'dual-region' : 'region',
    storageClass: options.storageClass ?? 'STANDARD',
    etag: etagOf(undefined, '1'),
    timeCreated: now,
    updated: now,
  };
  store.put<StoredBucket>(BUCKETS, name, { project, resource });
  return resource;
}

export function getBucket(store: Store, name: string): StoredBucket | undefined {
  return store.collection<StoredBucket>(BUCKETS).get(name);
}

export function objectKey(bucket: string, name: string): string {
  return `${bucket}/${name}`;
}

/**
 * Stores an object (replacing any live version with a new generation). `data` may be given as
 * chunks so a large upload is joined exactly once; pass `hashes` when already computed.
 * Throws NoSuchBucketError when the bucket does not exist, as the real API would.
 */
export function putObject(
  store: Store,
  bucket: string,
  name: string,
  data: Buffer | string | Buffer[],
  options: { contentType?: string; metadata?: Record<string, string>; hashes?: ObjectHashes; extra?: Record<string, unknown> } = {},
): ObjectResource {
  if (!getBucket(store, bucket)) throw new NoSuchBucketError(bucket);
  const chunks = typeof data === 'string' ? [Buffer.from(data)] : Array.isArray(data) ? data : [data];
  const hashes = options.hashes ?? hashBytes(chunks);
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  const generation = nextGeneration();
  const now = new Date().toISOString();
  const resource: ObjectResource = {
    ...options.extra,
    kind: 'storage#object',
    id: `${bucket}/${name}/${generation}`,
    name,
    bucket,
    generation,
    metageneration: '1',
    contentType: options.contentType || 'application/octet-stream',
    storageClass: getBucket(store, bucket)?.resource.storageClass ?? 'STANDARD',
    size: String(bytes.length),
    md5Hash: hashes.md5Hash,
    crc32c: hashes.crc32c,
    etag: etagOf(generation, '1'),
    timeCreated: now,
    updated: now,
    timeStorageClassUpdated: now,
    ...(options.metadata && Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
  };
  store.put<StoredObject>(OBJECTS, objectKey(bucket, name), { resource, data: bytes });
  return resource;
}

export function getObject(store: Store, bucket: string, name: string): StoredObject | undefined {
  return store.collection<StoredObject>(OBJECTS).get(objectKey(bucket, name));
}

export function deleteObject(store: Store, bucket: string, name: string): boolean {
  return store.remove(OBJECTS, objectKey(bucket, name));
}

/** Objects of a bucket whose names start with `prefix`, sorted by name as the API lists them. */
export function listObjects(store: Store, bucket: string, prefix = ''): ObjectResource[] {
  const out: ObjectResource[] = [];
  for (const o of store.collection<StoredObject>(OBJECTS).values()) {
    if (o.resource.bucket === bucket && o.resource.name.startsWith(prefix)) out.push(o.resource);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Splits `gs://bucket/path` into bucket and object name (name may be '' or end with '/'). */
export function parseGsUri(uri: string): { bucket: string; name: string } | undefined {
  const m = /^gs:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1], name: m[2] } : undefined;
}
