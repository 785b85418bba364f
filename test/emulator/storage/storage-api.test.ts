import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../core/emulator';
import { storageRoutes } from './routes';
import { serveRoutes } from './route-server';
import { crc32cBase64, crc32cUpdate } from './crc32c';
import { getObject, putObject, listObjects } from './objects';
import { seedStorage, DEMO_STAGING_BUCKET } from './seed';

const emu = new Emulator();
let server: Awaited<ReturnType<typeof serveRoutes>>;
let base = '';

before(async () => {
  server = await serveRoutes([storageRoutes(emu)]);
  base = server.url;
  const res = await fetch(`${base}/storage/v1/b?project=p1`, { method: 'POST', body: JSON.stringify({ name: 'bkt', location: 'us-central1' }) });
  assert.equal(res.status, 200);
});
after(async () => {
  await server.close();
  await emu.stop();
});

const md5 = (b: Buffer) => createHash('md5').update(b).digest('base64');

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

test('buckets: insert normalises location, get, list by project, conflicts and bad names', async () => {
  const got = await json(await fetch(`${base}/storage/v1/b/bkt`));
  assert.equal(got.location, 'US-CENTRAL1');
  assert.equal(got.locationType, 'region');
  assert.equal(got.storageClass, 'STANDARD');
  assert.match(String(got.projectNumber), /^\d{12}$/);
  const list = await json(await fetch(`${base}/storage/v1/b?project=p1`));
  assert.deepEqual((list.items as { name: string }[]).map((b) => b.name), ['bkt']);
  assert.equal((await json(await fetch(`${base}/storage/v1/b?project=other`))).items, undefined);

  const again = await fetch(`${base}/storage/v1/b?project=p1`, { method: 'POST', body: JSON.stringify({ name: 'bkt' }) });
  assert.equal(again.status, 409);
  const err = (await json(again)).error as { code: number; errors: { reason: string }[] };
  assert.equal(err.code, 409);
  assert.equal(err.errors[0].reason, 'conflict');
  const bad = await fetch(`${base}/storage/v1/b?project=p1`, { method: 'POST', body: JSON.stringify({ name: 'Bad_Name!' }) });
  assert.equal(bad.status, 400);
  const missing = await fetch(`${base}/storage/v1/b/nope`);
  assert.equal(missing.status, 404);
  assert.equal(((await json(missing)).error as { message: string }).message, 'The specified bucket does not exist.');
});

test('media upload returns size, crc32c and md5Hash; download carries x-goog-hash and serves ranges', async () => {
  const bytes = Buffer.from('hello, emulated storage');
  const up = await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=media&name=${encodeURIComponent('dir/hello.txt')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: bytes,
  });
  assert.equal(up.status, 200);
  const object = await json(up);
  assert.equal(object.size, String(bytes.length));
  assert.equal(object.crc32c, crc32cBase64(crc32cUpdate(0, bytes)));
  assert.equal(object.md5Hash, md5(bytes));
  assert.equal(object.contentType, 'text/plain');
  assert.match(String(object.mediaLink), /\/download\/storage\/v1\/b\/bkt\/o\/dir%2Fhello\.txt\?generation=\d+&alt=media$/);

  const meta = await json(await fetch(`${base}/storage/v1/b/bkt/o/dir%2Fhello.txt`));
  assert.equal(meta.generation, object.generation);
  const dl = await fetch(`${base}/storage/v1/b/bkt/o/dir%2Fhello.txt?alt=media`);
  assert.equal(dl.headers.get('x-goog-hash'), `crc32c=${object.crc32c},md5=${object.md5Hash}`);
  assert.equal(dl.headers.get('x-goog-stored-content-encoding'), 'identity');
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), bytes);
  const part = await fetch(String(object.mediaLink), { headers: { Range: 'bytes=7-12' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 7-12/${bytes.length}`);
  assert.equal(await part.text(), 'emulat');
  const tail = await fetch(`${base}/storage/v1/b/bkt/o/dir%2Fhello.txt?alt=media`, { headers: { Range: 'bytes=-7' } });
  assert.equal(await tail.text(), 'storage');
});

test('multipart upload takes name and metadata from the JSON part and rejects a wrong declared md5', async () => {
  const boundary = 'xyzzy';
  const body = (meta: object, data: string) =>
    `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(meta)}\r\n--${boundary}\r\nContent-Type: application/x-python\r\n\r\n${data}\r\n--${boundary}--`;
  const ok = await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=multipart`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
    body: body({ name: 'code/train.py', metadata: { k: 'v' } }, 'print(1)\n'),
  });
  assert.equal(ok.status, 200);
  const object = await json(ok);
  assert.equal(object.name, 'code/train.py');
  assert.equal(object.contentType, 'application/x-python');
  assert.deepEqual(object.metadata, { k: 'v' });
  assert.equal(getObject(emu.store, 'bkt', 'code/train.py')?.data.toString(), 'print(1)\n');

  const wrong = await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=multipart`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
    body: body({ name: 'code/bad.py', md5Hash: md5(Buffer.from('other')) }, 'x'),
  });
  assert.equal(wrong.status, 400);
  assert.equal(getObject(emu.store, 'bkt', 'code/bad.py'), undefined);

  // Python's email generator, as gcloud storage sends it: LF line ends, a single-quoted boundary.
  const py = '===============123=='
  const lf = await fetch(`${base}/upload/storage/v1/b/bkt/o?alt=json&uploadType=multipart`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; boundary='${py}'` },
    body: `--${py}\nContent-Type: application/json\nMIME-Version: 1.0\n\n{"bucket": "bkt", "contentType": "text/plain", "name": "lf.txt"}\n--${py}\nContent-Type: text/plain\nMIME-Version: 1.0\nContent-Transfer-Encoding: binary\n\nline one\nline two\n\n--${py}--`,
  });
  assert.equal(lf.status, 200);
  assert.equal(getObject(emu.store, 'bkt', 'lf.txt')?.data.toString(), 'line one\nline two\n');
});

test('resumable upload: chunks, 308 with Range, resent overlap, status query, then the object', async () => {
  const data = Buffer.from(Array.from({ length: 700_000 }, (_, i) => (i * 7) & 0xff));
  const start = await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=resumable`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Upload-Content-Type': 'application/octet-stream' },
    body: JSON.stringify({ name: 'model/weights.bin' }),
  });
  assert.equal(start.status, 200);
  const session = start.headers.get('location') ?? '';
  assert.ok(session.startsWith(`${base}/upload/storage/v1/b/bkt/o?`) && session.includes('upload_id='));

  const put = (range: string, body?: Buffer) => fetch(session, { method: 'PUT', headers: { 'Content-Range': range }, body });
  const first = await put('bytes 0-262143/*', data.subarray(0, 262144));
  assert.equal(first.status, 308);
  assert.equal(first.headers.get('range'), 'bytes=0-262143');
  const overlap = await put('bytes 200000-524287/*', data.subarray(200000, 524288));
  assert.equal(overlap.status, 308);
  assert.equal(overlap.headers.get('range'), 'bytes=0-524287');
  const status = await put('bytes */*');
  assert.equal(status.status, 308);
  assert.equal(status.headers.get('range'), 'bytes=0-524287');
  const gap = await put('bytes 600000-699999/700000', data.subarray(600000));
  assert.equal(gap.status, 400);
  const last = await put(`bytes 524288-699999/700000`, data.subarray(524288));
  assert.equal(last.status, 200);
  const object = await json(last);
  assert.equal(object.size, '700000');
  assert.equal(object.crc32c, crc32cBase64(crc32cUpdate(0, data)));
  assert.equal(object.md5Hash, md5(data));
  assert.ok(getObject(emu.store, 'bkt', 'model/weights.bin')?.data.equals(data));
  assert.equal((await put('bytes */700000')).status, 200);
});

test('resumable traffic: every body byte is counted per object, a failed chunk too; expired sessions are 404', async () => {
  const open = async (name: string) => {
    const res = await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=resumable&name=${name}`, { method: 'POST' });
    assert.equal(res.status, 200);
    return res.headers.get('location') ?? '';
  };
  const traffic = async (name: string) => json(await fetch(`${base}/emulator/storage/uploads?bucket=bkt&object=${name}`));
  const data = Buffer.alloc(300_000, 7);
  const session = await open('traffic.bin');
  const put = (range: string, body?: Buffer) => fetch(session, { method: 'PUT', headers: { 'Content-Range': range }, body });
  assert.equal((await put('bytes 0-99999/300000', data.subarray(0, 100_000))).status, 308);
  emu.faults.add({ method: 'storage.objects.insert', code: 'UNAVAILABLE', count: 1 });
  assert.equal((await put('bytes 100000-199999/300000', data.subarray(100_000, 200_000))).status, 503);
  const status = await put('bytes */300000');
  assert.equal(status.status, 308);
  assert.equal(status.headers.get('range'), 'bytes=0-99999');
  assert.equal((await put('bytes 50000-299999/300000', data.subarray(50_000))).status, 200);
  assert.deepEqual(await traffic('traffic.bin'), { bytesReceived: 100_000 + 100_000 + 250_000, sessionsOpened: 1 });

  const dead = await open('expired.bin');
  assert.equal((await fetch(`${base}/emulator/storage/uploads`, { method: 'DELETE' })).status, 200);
  assert.equal((await fetch(dead, { method: 'PUT', headers: { 'Content-Range': 'bytes */*' } })).status, 404);
  assert.deepEqual(await traffic('expired.bin'), { bytesReceived: 0, sessionsOpened: 1 });
  assert.equal((await fetch(`${base}/emulator/storage/uploads?bucket=bkt`)).status, 400);
});

test('list: prefix, delimiter with prefixes, paging across prefixes, trailing delimiter', async () => {
  putObject(emu.store, 'bkt', 'runs/a/1.txt', 'x');
  putObject(emu.store, 'bkt', 'runs/a/2.txt', 'x');
  putObject(emu.store, 'bkt', 'runs/b/1.txt', 'x');
  putObject(emu.store, 'bkt', 'runs/c.txt', 'x');
  putObject(emu.store, 'bkt', 'runs/d/', '');
  const list = await json(await fetch(`${base}/storage/v1/b/bkt/o?prefix=runs/&delimiter=/`));
  assert.deepEqual(list.prefixes, ['runs/a/', 'runs/b/', 'runs/d/']);
  assert.deepEqual((list.items as { name: string }[]).map((o) => o.name), ['runs/c.txt']);

  const seen: string[] = [];
  let token = '';
  for (let pages = 0; pages < 10; pages++) {
    const page = await json(await fetch(`${base}/storage/v1/b/bkt/o?prefix=runs/&delimiter=/&maxResults=1${token ? `&pageToken=${token}` : ''}`));
    seen.push(...((page.prefixes as string[]) ?? []), ...((page.items as { name: string }[]) ?? []).map((o) => o.name));
    if (!page.nextPageToken) break;
    token = String(page.nextPageToken);
  }
  assert.deepEqual(seen, ['runs/a/', 'runs/b/', 'runs/c.txt', 'runs/d/']);
  const trailing = await json(await fetch(`${base}/storage/v1/b/bkt/o?prefix=runs/&delimiter=/&includeTrailingDelimiter=true`));
  assert.deepEqual((trailing.items as { name: string }[]).map((o) => o.name), ['runs/c.txt', 'runs/d/']);
  assert.deepEqual(listObjects(emu.store, 'bkt', 'runs/a/').map((o) => o.name), ['runs/a/1.txt', 'runs/a/2.txt']);
});

test('delete, preconditions and the JSON API error shape', async () => {
  const object = putObject(emu.store, 'bkt', 'tmp/x', 'x');
  const stale = await fetch(`${base}/storage/v1/b/bkt/o/tmp%2Fx?ifGenerationMatch=1`, { method: 'DELETE' });
  assert.equal(stale.status, 412);
  const noClobber = await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=media&name=tmp/x&ifGenerationMatch=0`, { method: 'POST', body: 'y' });
  assert.equal(noClobber.status, 412);
  const del = await fetch(`${base}/storage/v1/b/bkt/o/tmp%2Fx?ifGenerationMatch=${object.generation}`, { method: 'DELETE' });
  assert.equal(del.status, 204);
  const gone = await fetch(`${base}/storage/v1/b/bkt/o/tmp%2Fx`);
  assert.equal(gone.status, 404);
  assert.deepEqual(await gone.json(), {
    error: { code: 404, message: 'No such object: bkt/tmp/x', errors: [{ message: 'No such object: bkt/tmp/x', domain: 'global', reason: 'notFound' }] },
  });
});

test('injected faults answer in the JSON API error shape, then clear', async () => {
  putObject(emu.store, 'bkt', 'faulty', 'x');
  emu.faults.add({ method: 'storage.objects.get', code: 'UNAVAILABLE', count: 1 });
  const failed = await fetch(`${base}/storage/v1/b/bkt/o/faulty`);
  assert.equal(failed.status, 503);
  assert.equal(((await json(failed)).error as { errors: { reason: string }[] }).errors[0].reason, 'unavailable');
  assert.equal((await fetch(`${base}/storage/v1/b/bkt/o/faulty`)).status, 200);
});

test('a fault with `after` lets that many uploads through, then fails the next `count`: a failure partway', async () => {
  emu.faults.add({ method: 'storage.objects.insert', code: 'UNAVAILABLE', after: 2, count: 2 });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    statuses.push((await fetch(`${base}/upload/storage/v1/b/bkt/o?uploadType=media&name=partway/${i}`, { method: 'POST', body: `${i}` })).status);
  }
  assert.deepEqual(statuses, [200, 200, 503, 503, 200]);
  assert.deepEqual(emu.faults.list(), []);
});

test('state persistence keeps object bytes through the codec; the demo seed makes the staging bucket', () => {
  seedStorage(emu);
  putObject(emu.store, DEMO_STAGING_BUCKET, 'bin', Buffer.from([0, 255, 1]));
  const path = join(tmpdir(), `e3-storage-state-${process.pid}.json`);
  emu.store.save(path);
  const fresh = new Emulator();
  seedStorage(fresh);
  fresh.store.load(path);
  rmSync(path);
  const loaded = getObject(fresh.store, DEMO_STAGING_BUCKET, 'bin');
  assert.ok(loaded && Buffer.isBuffer(loaded.data));
  assert.deepEqual([...loaded.data], [0, 255, 1]);
  assert.equal(getObject(fresh.store, 'bkt', 'model/weights.bin')?.data.length, 700_000);
  void fresh.stop();
});
