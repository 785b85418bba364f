import type { ServerResponse } from 'node:http';
import type { BucketResource, ObjectResource } from './objects';
import { sendJson } from './http-io';

/**
 * The Cloud Storage JSON API's own conventions: its error shape (code, message and an
 * `errors[]` list with a `reason`) and the links it puts on resources.
 */
export class StorageError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export const storageErrors = {
  noSuchBucket: () => new StorageError(404, 'notFound', 'The specified bucket does not exist.'),
  noSuchObject: (bucket: string, name: string) => new StorageError(404, 'notFound', `No such object: ${bucket}/${name}`),
  required: (what: string) => new StorageError(400, 'required', `Required parameter: ${what}`),
  invalid: (message: string) => new StorageError(400, 'invalid', message),
  conditionNotMet: () =>
    new StorageError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.'),
};

export function sendStorageError(res: ServerResponse, err: StorageError): void {
  sendJson(res, err.code, {
    error: {
      code: err.code,
      message: err.message,
      errors: [{ message: err.message, domain: 'global', reason: err.reason }],
    },
  });
}

const enc = encodeURIComponent;

export function renderBucket(bucket: BucketResource, origin: string): BucketResource {
  return { ...bucket, selfLink: `${origin}/storage/v1/b/${enc(bucket.name)}` };
}

export function renderObject(object: ObjectResource, origin: string): ObjectResource {
  const path = `b/${enc(object.bucket)}/o/${enc(object.name)}`;
  return {
    ...object,
    selfLink: `${origin}/storage/v1/${path}`,
    mediaLink: `${origin}/download/storage/v1/${path}?generation=${object.generation}&alt=media`,
  };
}

/** Opaque page tokens: the last name (or prefix) returned, so the next page resumes after it. */
export function encodePageToken(last: string, wasPrefix: boolean): string {
  return Buffer.from(JSON.stringify({ a: last, p: wasPrefix })).toString('base64url');
}

export function decodePageToken(token: string): { after: string; prefix: boolean } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; p?: unknown };
    if (typeof parsed.a === 'string') return { after: parsed.a, prefix: parsed.p === true };
  } catch {
    // reported below
  }
  throw storageErrors.invalid('Invalid argument.');
}

/** `maxResults` as the API reads it: a positive integer, capped at 1000 (its default). */
export function maxResultsOf(params: URLSearchParams): number {
  const raw = params.get('maxResults');
  if (raw === null || raw === '') return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw storageErrors.invalid(`Invalid value for maxResults: ${raw}`);
  return n === 0 ? 1000 : Math.min(n, 1000);
}
