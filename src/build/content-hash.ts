import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ContextListing } from './context';
import { FileChangedError } from './tar';

async function fileDigest(path: string, absolute: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  let seen = 0;
  for await (const chunk of createReadStream(absolute)) {
    seen += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  if (seen !== size) throw new FileChangedError(path);
  return hash.digest('hex');
}

/**
 * SHA-256 over what the context holds: paths, kinds, the executable bit, link targets and file
 * contents, plus the build arguments. Timestamps, owners and the compressor are left out, so the
 * hash (and an image tag made from it) only changes when the image's inputs do.
 */
export async function contextContentHash(listing: ContextListing, buildArgs: Record<string, string> = {}): Promise<string> {
  const hash = createHash('sha256');
  // Build arguments change the image as much as files do (a different BASE_IMAGE, for one).
  for (const key of Object.keys(buildArgs).sort()) hash.update(`arg ${JSON.stringify(key)} ${JSON.stringify(buildArgs[key])}\n`);
  const records: [string, () => Promise<string>][] = [
    ...listing.dirs.map((dir): [string, () => Promise<string>] => [dir, async () => `dir ${JSON.stringify(dir)}\n`]),
    ...listing.files.map((file): [string, () => Promise<string>] => [file.path, async () => file.kind === 'symlink'
      ? `symlink ${JSON.stringify(file.path)} ${JSON.stringify(file.target ?? '')}\n`
      : `file ${JSON.stringify(file.path)} ${file.executable ? 'x' : '-'} ${file.size} ` +
        `${await fileDigest(file.path, join(listing.root, ...file.path.split('/')), file.size)}\n`]),
  ];
  records.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, record] of records) hash.update(await record());
  return hash.digest('hex');
}
