import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '@google-cloud/storage';
import type { Bucket } from '@google-cloud/storage';
import type { Emulator } from '../emulator/core/emulator';
import { getObject } from '../emulator/storage/objects';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

/** Deterministic bytes that are not a repeated pattern (so offsets matter). */
function bytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('Cloud Storage JSON API with @google-cloud/storage and gcloud storage', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  let dir: string;
  let bucket: Bucket;
  const large = bytes(3 * 1024 * 1024 + 123, 7);

  before(async () => {
    emu = await startEmulator();
    gcloud = await createGcloudHarness(emu);
    dir = await mkdtemp(join(tmpdir(), 'conf-storage-'));
    const storage = new Storage({ apiEndpoint: emu.url, projectId: 'demo-project' });
    [bucket] = await storage.createBucket('conf-bucket', { location: 'us-central1', storageClass: 'STANDARD' });
  });

  after(async () => {
    await gcloud?.dispose();
    await emu?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates and reads a bucket with its location and storage class', async () => {
    const [metadata] = await bucket.getMetadata();
    assert.equal(metadata.location, 'US-CENTRAL1');
    assert.equal(metadata.storageClass, 'STANDARD');
    await assert.rejects(bucket.storage.createBucket('conf-bucket'), (e: { code?: number }) => e.code === 409);
  });

  it('saves small files with multipart and a large one resumably in chunks, with matching hashes', async () => {
    await bucket.file('runs/a/config.json').save('{"lr":0.1}', { resumable: false, contentType: 'application/json' });
    await bucket.file('runs/b/notes.txt').save('b', { resumable: false });
    await bucket.file('runs/top.txt').save('top', { resumable: false });
    const file = bucket.file('runs/a/model.bin');
    await file.save(large, { resumable: true, chunkSize: 1024 * 1024, validation: 'crc32c' });
    const [metadata] = await file.getMetadata();
    assert.equal(Number(metadata.size), large.length);
    assert.equal(metadata.md5Hash, createHash('md5').update(large).digest('base64'));
    const stored = getObject(emu.store, 'conf-bucket', 'runs/a/model.bin');
    assert.ok(stored?.data.equals(large));
    const [json] = await bucket.file('runs/a/config.json').getMetadata();
    assert.equal(json.contentType, 'application/json');
  });

  it('lists with prefix and delimiter, returning prefixes', async () => {
    const [files, , response] = await bucket.getFiles({ prefix: 'runs/', delimiter: '/', autoPaginate: false });
    assert.deepEqual(files.map((f) => f.name), ['runs/top.txt']);
    assert.deepEqual((response as { prefixes?: string[] }).prefixes, ['runs/a/', 'runs/b/']);
    const [first, next] = await bucket.getFiles({ prefix: 'runs/', maxResults: 2, autoPaginate: false });
    assert.ok(next, 'a nextPageToken after a full page');
    const [second, last] = await bucket.getFiles({ ...next, autoPaginate: false });
    assert.deepEqual([...first, ...second].map((f) => f.name), ['runs/a/config.json', 'runs/a/model.bin', 'runs/b/notes.txt', 'runs/top.txt']);
    assert.equal(last, null);
  });

  it('downloads with crc32c and md5 validation, and rejects bytes that do not match their hashes', async () => {
    const [crcChecked] = await bucket.file('runs/a/model.bin').download();
    assert.ok(crcChecked.equals(large));
    const [md5Checked] = await bucket.file('runs/a/model.bin').download({ validation: 'md5' });
    assert.ok(md5Checked.equals(large));
    const [range] = await bucket.file('runs/a/model.bin').download({ start: 10, end: 19 });
    assert.ok(range.equals(large.subarray(10, 20)));

    const corrupt = getObject(emu.store, 'conf-bucket', 'runs/top.txt');
    assert.ok(corrupt);
    corrupt.data = Buffer.from('tampered');
    await assert.rejects(bucket.file('runs/top.txt').download(), (e: { code?: string }) => e.code === 'CONTENT_DOWNLOAD_MISMATCH');
  });

  it('deletes; a deleted file no longer exists', async () => {
    await bucket.file('runs/top.txt').delete();
    const [exists] = await bucket.file('runs/top.txt').exists();
    assert.equal(exists, false);
    await assert.rejects(bucket.file('runs/top.txt').delete(), (e: { code?: number }) => e.code === 404);
  });

  it('gcloud storage ls sees what the Node client wrote', async () => {
    const r = await gcloud.run(['storage', 'ls', 'gs://conf-bucket/runs/a/'], { json: false });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), ['gs://conf-bucket/runs/a/config.json', 'gs://conf-bucket/runs/a/model.bin']);
  });

  it('gcloud storage cp uploads (resumable past the threshold) and downloads; both clients agree on hashes', async () => {
    const local = join(dir, 'weights.bin');
    const payload = bytes(2 * 1024 * 1024 + 5, 11);
    await writeFile(local, payload);
    const up = await gcloud.run(['storage', 'cp', local, 'gs://conf-bucket/from-gcloud/weights.bin'], {
      json: false,
      env: { CLOUDSDK_STORAGE_RESUMABLE_THRESHOLD: '1MiB' },
    });
    assert.equal(up.code, 0, up.stderr);
    const [fromNode] = await bucket.file('from-gcloud/weights.bin').download();
    assert.ok(fromNode.equals(payload));

    const down = await gcloud.run(['storage', 'cp', 'gs://conf-bucket/runs/a/model.bin', join(dir, 'model.bin')], { json: false });
    assert.equal(down.code, 0, down.stderr);
    assert.ok((await readFile(join(dir, 'model.bin'))).equals(large));

    const described = await gcloud.run<Record<string, unknown>>(['storage', 'objects', 'describe', 'gs://conf-bucket/from-gcloud/weights.bin']);
    assert.equal(described.code, 0, described.stderr);
    const [metadata] = await bucket.file('from-gcloud/weights.bin').getMetadata();
    assert.equal(described.json?.crc32c_hash, metadata.crc32c);
    assert.equal(described.json?.md5_hash, metadata.md5Hash);
    assert.equal(described.json?.size, payload.length);
  });
});
