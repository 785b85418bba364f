import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** 2000-01-01T00:00:00Z: fixed so archives are reproducible, and after 1980 so zip-based tools (wheels) accept it. */
export const FIXED_MTIME = 946684800;

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777;

export type TarEntry =
  | { type: 'dir'; path: string }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'file'; path: string; executable?: boolean; content: Buffer }
  | { type: 'file'; path: string; executable?: boolean; size: number; sourcePath: string };

/** Thrown when a file's size changed between listing and packing. */
export class FileChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while it was being packed. Try again once nothing is writing to it.`);
    this.name = 'FileChangedError';
  }
}

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  block.write(value, offset, length, 'utf8');
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function splitUstarName(path: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') {
      return { name, prefix };
    }
  }
  return undefined;
}

interface HeaderFields {
  path: string;
  typeflag: string;
  mode: number;
  size: number;
  linkname?: string;
}

function headerBlock(fields: HeaderFields): Buffer {
  const split = splitUstarName(fields.path) ?? { name: fields.path.slice(0, 100), prefix: '' };
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, split.name);
  writeOctal(block, 100, 8, fields.mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, Math.min(fields.size, MAX_OCTAL_SIZE));
  writeOctal(block, 136, 12, FIXED_MTIME);
  block.fill(' ', 148, 156);
  writeString(block, 156, 1, fields.typeflag);
  writeString(block, 157, 100, fields.linkname ?? '');
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, split.prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body);
  while (Buffer.byteLength(String(length)) + Buffer.byteLength(body) !== length) {
    length = Buffer.byteLength(String(length)) + Buffer.byteLength(body);
  }
  return `${length}${body}`;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** Header blocks for one entry: a PAX extended header first when ustar cannot hold the path, link or size. */
function entryHeader(entry: TarEntry): Buffer {
  const isDir = entry.type === 'dir';
  const path = isDir && !entry.path.endsWith('/') ? entry.path + '/' : entry.path;
  const size = entry.type === 'file' ? ('content' in entry ? entry.content.length : entry.size) : 0;
  const linkname = entry.type === 'symlink' ? entry.target : undefined;
  const records: string[] = [];
  if (splitUstarName(path) === undefined) records.push(paxRecord('path', path));
  if (linkname !== undefined && Buffer.byteLength(linkname) > 100) records.push(paxRecord('linkpath', linkname));
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(size)));
  const header = headerBlock({
    path,
    typeflag: isDir ? '5' : entry.type === 'symlink' ? '2' : '0',
    mode: isDir || entry.type === 'symlink' ? 0o755 : entry.executable ? 0o755 : 0o644,
    size,
    linkname,
  });
  if (records.length === 0) return header;
  const pax = Buffer.from(records.join(''), 'utf8');
  const paxName = `PaxHeaders/${path.split('/').filter(Boolean).pop() ?? 'entry'}`;
  return Buffer.concat([
    headerBlock({ path: paxName.slice(0, 100), typeflag: 'x', mode: 0o644, size: pax.length }),
    pax,
    padding(pax.length),
    header,
  ]);
}

async function* fileBody(path: string, sourcePath: string, size: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of createReadStream(sourcePath)) {
    const buffer = chunk as Buffer;
    seen += buffer.length;
    if (seen > size) throw new FileChangedError(path);
    yield buffer;
  }
  if (seen !== size) throw new FileChangedError(path);
}

/** The tar stream of `entries`, in the order given (callers sort them for reproducible output). */
export async function* tarChunks(entries: Iterable<TarEntry> | AsyncIterable<TarEntry>): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    yield entryHeader(entry);
    if (entry.type !== 'file') continue;
    if ('content' in entry) {
      yield entry.content;
      yield padding(entry.content.length);
    } else {
      yield* fileBody(entry.path, entry.sourcePath, entry.size);
      yield padding(entry.size);
    }
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** A gzip-compressed tar stream. Same entries, same bytes (gzip header mtime is 0). */
export function tarGzStream(entries: Iterable<TarEntry> | AsyncIterable<TarEntry>): Readable {
  const gzip = createGzip();
  const source = Readable.from(tarChunks(entries));
  source.on('error', (error) => gzip.destroy(error));
  return source.pipe(gzip);
}

export async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
