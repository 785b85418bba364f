import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FIXED_MTIME, FileChangedError, streamToBuffer, tarGzStream } from '../../../src/build/tar';
import type { TarEntry } from '../../../src/build/tar';

const scratch = mkdtempSync(join(tmpdir(), 'tar-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const prefixed = `${'p'.repeat(120)}/${'n'.repeat(90)}.txt`;
const paxOnly = `${'x'.repeat(160)}/${'y'.repeat(120)}.txt`;
const longTarget = `../${'t'.repeat(150)}`;

function entries(): TarEntry[] {
  const onDisk = join(scratch, 'run.sh');
  writeFileSync(onDisk, '#!/bin/sh\necho hi\n');
  return [
    { type: 'dir', path: 'pkg' },
    { type: 'file', path: 'pkg/a.txt', content: Buffer.from('alpha\n') },
    { type: 'file', path: 'pkg/empty', content: Buffer.alloc(0) },
    { type: 'file', path: 'pkg/run.sh', executable: true, size: statSync(onDisk).size, sourcePath: onDisk },
    { type: 'file', path: 'pkg/block', content: Buffer.alloc(512, 7) },
    { type: 'symlink', path: 'pkg/link', target: 'a.txt' },
    { type: 'symlink', path: 'pkg/far', target: longTarget },
    { type: 'file', path: 'pkg/ünïcode-名前.txt', content: Buffer.from('u') },
    { type: 'file', path: prefixed, content: Buffer.from('prefix split') },
    { type: 'file', path: paxOnly, content: Buffer.from('pax path') },
  ];
}

describe('tarGzStream', () => {
  it('writes an archive GNU tar extracts with contents, modes and links intact', async () => {
    const archive = join(scratch, 'a.tar.gz');
    writeFileSync(archive, await streamToBuffer(tarGzStream(entries())));
    const out = join(scratch, 'out');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    assert.equal(readFileSync(join(out, 'pkg/a.txt'), 'utf8'), 'alpha\n');
    assert.equal(readFileSync(join(out, 'pkg/empty')).length, 0);
    assert.deepEqual(readFileSync(join(out, 'pkg/block')), Buffer.alloc(512, 7));
    assert.equal(readFileSync(join(out, 'pkg/run.sh'), 'utf8'), '#!/bin/sh\necho hi\n');
    assert.equal(statSync(join(out, 'pkg/run.sh')).mode & 0o777, 0o755);
    assert.equal(statSync(join(out, 'pkg/a.txt')).mode & 0o777, 0o644);
    assert.equal(statSync(join(out, 'pkg/a.txt')).mtimeMs, FIXED_MTIME * 1000);
    assert.equal(readlinkSync(join(out, 'pkg/link')), 'a.txt');
    assert.equal(readlinkSync(join(out, 'pkg/far')), longTarget);
    assert.equal(readFileSync(join(out, 'pkg/ünïcode-名前.txt'), 'utf8'), 'u');
    assert.equal(readFileSync(join(out, prefixed), 'utf8'), 'prefix split');
    assert.equal(readFileSync(join(out, paxOnly), 'utf8'), 'pax path');
  });

  it('reads back the same member names in Python tarfile, which pip uses', async () => {
    const archive = join(scratch, 'b.tar.gz');
    writeFileSync(archive, await streamToBuffer(tarGzStream(entries())));
    const names = execFileSync('python3', ['-c',
      'import sys, tarfile, json; print(json.dumps([m.name for m in tarfile.open(sys.argv[1])]))', archive],
    { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(names), entries().map((e) => e.path));
  });

  it('gives the same bytes for the same entries, with a fixed gzip header', async () => {
    const first = await streamToBuffer(tarGzStream(entries()));
    const second = await streamToBuffer(tarGzStream(entries()));
    assert.deepEqual(first, second);
    assert.equal(first.readUInt32LE(4), 0, 'gzip mtime is zero');
    const tar = gunzipSync(first);
    assert.equal(tar.length % 512, 0);
    assert.deepEqual(tar.subarray(tar.length - 1024), Buffer.alloc(1024));
  });

  it('fails with FileChangedError when a file no longer has its listed size', async () => {
    const path = join(scratch, 'grows.txt');
    writeFileSync(path, 'longer than listed');
    const stream = tarGzStream([{ type: 'file', path: 'grows.txt', size: 3, sourcePath: path }]);
    await assert.rejects(streamToBuffer(stream), FileChangedError);
  });
});
