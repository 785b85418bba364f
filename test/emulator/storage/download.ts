import type { StorageCall } from './buckets-api';
import { checkPreconditions, getObjectOrThrow } from './objects-api';
import { StorageError } from './json-api';

/** Parses one `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined means "whole object". */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new StorageError(416, 'requestedRangeNotSatisfiable', 'Request range not satisfiable');
  }
  return { start, end };
}

/** `alt=media`: the bytes, with the headers clients validate against (x-goog-hash & co.). */
export async function downloadObject({ req, res, url, store }: StorageCall, bucket: string, name: string): Promise<void> {
  const { resource, data } = getObjectOrThrow(store, bucket, name, url.searchParams);
  checkPreconditions(url.searchParams, resource);
  const range = data.length > 0 ? parseRange(req.headers.range, data.length) : undefined;
  const headers: Record<string, string | number> = {
    'Content-Type': resource.contentType,
    'X-Goog-Hash': `crc32c=${resource.crc32c},md5=${resource.md5Hash}`,
    'X-Goog-Generation': resource.generation,
    'X-Goog-Metageneration': resource.metageneration,
    'X-Goog-Stored-Content-Encoding': typeof resource.contentEncoding === 'string' ? resource.contentEncoding : 'identity',
    'X-Goog-Stored-Content-Length': resource.size,
    'X-Goog-Storage-Class': resource.storageClass,
    ETag: resource.etag,
    'Last-Modified': new Date(resource.updated).toUTCString(),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${data.length}`;
    headers['Content-Length'] = range.end - range.start + 1;
    res.writeHead(206, headers);
    res.end(req.method === 'HEAD' ? undefined : data.subarray(range.start, range.end + 1));
    return;
  }
  headers['Content-Length'] = data.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : data);
}
