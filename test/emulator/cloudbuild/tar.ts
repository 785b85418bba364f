import { gunzipSync } from 'node:zlib';

/**
 * Reads the entries of a (gzipped) tar archive, the source format of Cloud Build
 * (`gcloud builds submit` uploads a .tgz). Handles ustar prefixes, GNU long names and
 * pax `path` records; entry data are views into the unpacked archive.
 */
export interface TarEntry {
  name: string;
  /** '0' file, '5' directory, '2' symlink, ... as in the header's typeflag. */
  type: string;
  data: Buffer;
}

export class TarError extends Error {}

function text(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const raw = text(block, start, length).trim();
  return raw ? parseInt(raw, 8) : 0;
}

/** The header checksum: the byte sum with the checksum field itself counted as spaces. */
function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === octal(header, 148, 8);
}

function paxPath(data: Buffer): string | undefined {
  let at = 0;
  const records = data.toString('utf8');
  while (at < records.length) {
    const space = records.indexOf(' ', at);
    const length = Number(records.slice(at, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) break;
    const record = records.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) return record.slice(5);
    at += length;
  }
  return undefined;
}

export function readTar(archive: Buffer): TarEntry[] {
  const tar = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new TarError(`not a tar archive (bad header checksum at byte ${offset})`);
    const magic = text(header, 257, 6);
    const size = octal(header, 124, 12);
    const type = text(header, 156, 1) || '0';
    const prefix = magic.startsWith('ustar') ? text(header, 345, 155) : '';
    const data = tar.subarray(offset + 512, offset + 512 + size);
    if (data.length < size) throw new TarError('truncated tar archive');
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === 'g') continue;
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    entries.push({ name: name.replace(/^\.\//, ''), type, data });
  }
  return entries;
}
