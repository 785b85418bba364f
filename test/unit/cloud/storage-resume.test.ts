import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { DEMO_STAGING_BUCKET, seedStorage } from '../../emulator/storage/seed';
import { getObject } from '../../emulator/storage/objects';
import { crc32cBase64, crc32cUpdate } from '../../emulator/storage/crc32c';
import { expireUploadSessions, uploadTraffic } from '../../emulator/storage/resumable';
import type { Connection } from '../../../src/cloud/connection';
import { CHUNK_BYTES, uploadFiles } from '../../../src/cloud/storage';

const INSERT = 'storage.objects.insert';
/** Two and a half chunks: three chunk requests, the last one short. */
const SIZE = 2 * CHUNK_BYTES + CHUNK_BYTES / 2 + 12_345;
/** Room for what is not the chunk's body: the library's status queries send none. */
const SLACK = 64 * 1024;

describe('large resumable uploads continue where they stopped (emulator)', () => {
  let emu: Emulator;
  let conn: Connection;
  let dir: string;
  let source: string;
  let local: Buffer;

  before(async () => {
    emu = await startEmulator();
    seedStorage(emu);
    conn = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { storage: emu.url } };
    dir = await mkdtemp(join(tmpdir(), 'storage-resume-test-'));
    source = join(dir, 'model.bin');
    local = randomBytes(SIZE);
    await writeFile(source, local);
  });
  after(async () => {
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  });

  function assertStored(object: string): void {
    const stored = getObject(emu.store, DEMO_STAGING_BUCKET, object);
    assert.ok(stored, `${object} was not stored`);
    assert.equal(stored.data.length, SIZE);
    assert.equal(stored.resource.md5Hash, createHash('md5').update(local).digest('base64'));
    assert.equal(stored.resource.crc32c, crc32cBase64(crc32cUpdate(0, local)));
  }

  /** One upload session, at most one chunk (plus headers) sent twice, and the object whole; returns the bytes sent again. */
  function assertResumedInOneSession(object: string): number {
    const traffic = uploadTraffic(emu.store, DEMO_STAGING_BUCKET, object);
    assert.equal(traffic.sessionsOpened, 1, 'a second upload session was opened');
    const resent = traffic.bytesReceived - SIZE;
    assert.ok(resent <= CHUNK_BYTES + SLACK, `${resent} bytes were sent again`);
    assertStored(object);
    return resent;
  }

  /** Waits until the emulator has read at least `bytes` of the object's upload bodies. */
  async function received(object: string, bytes: number): Promise<void> {
    for (let i = 0; i < 500 && uploadTraffic(emu.store, DEMO_STAGING_BUCKET, object).bytesReceived < bytes; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(uploadTraffic(emu.store, DEMO_STAGING_BUCKET, object).bytesReceived >= bytes, 'the first chunk never arrived');
  }

  it('a chunk that fails once is sent again from the committed offset: at most one chunk goes twice', async () => {
    const object = 'resume/chunk-failure.bin';
    // Call 1 opens the session, call 2 carries chunk 1, call 3 (chunk 2) fails.
    emu.faults.add({ method: INSERT, code: 'UNAVAILABLE', after: 2, count: 1 });
    const [uploaded] = await uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]);
    assert.deepEqual(emu.faults.list(), [], 'the failure was not hit');
    assert.equal(uploaded.bytes, SIZE);
    assert.ok(assertResumedInOneSession(object) > 0, 'the failed chunk was counted');
  });

  it('a failed chunk, then a failed status query: the session is still continued, not restarted', async () => {
    const object = 'resume/status-failure.bin';
    // Call 3 (chunk 2) fails, and so does call 4, the status query before sending it again.
    emu.faults.add({ method: INSERT, code: 'UNAVAILABLE', after: 2, count: 2 });
    await uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]);
    assert.deepEqual(emu.faults.list(), [], 'the failures were not hit');
    assertResumedInOneSession(object);
  });

  it('a failure the library does not retry ends the run; the next run continues the same session', async () => {
    const object = 'resume/denied.bin';
    emu.faults.add({ method: INSERT, code: 'PERMISSION_DENIED', after: 2, count: 1 });
    await assert.rejects(uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]), /denied/i);
    await uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]);
    assertResumedInOneSession(object);
  });

  it('cancelled mid-file, then run again: the second run continues the same session', async () => {
    const object = 'resume/cancelled.bin';
    // Chunk 2 is held back, so the cancel lands after chunk 1 and before the file is done.
    emu.faults.add({ method: INSERT, after: 2, count: 1, latencyMs: 800 });
    const controller = new AbortController();
    const first = uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }], { signal: controller.signal });
    await received(object, CHUNK_BYTES);
    controller.abort();
    await assert.rejects(first, (err: unknown) => err instanceof DOMException && err.name === 'AbortError');
    assert.equal(getObject(emu.store, DEMO_STAGING_BUCKET, object), undefined, 'the object was finished before the cancel');

    await uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]);
    assertResumedInOneSession(object);
  });

  it('a session that expired in between starts over cleanly in a new one', async () => {
    const object = 'resume/expired.bin';
    emu.faults.add({ method: INSERT, after: 2, count: 1, latencyMs: 800 });
    const controller = new AbortController();
    const first = uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }], { signal: controller.signal });
    await received(object, CHUNK_BYTES);
    controller.abort();
    await assert.rejects(first);
    expireUploadSessions(emu.store);
    const before = uploadTraffic(emu.store, DEMO_STAGING_BUCKET, object).bytesReceived;

    await uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]);
    const traffic = uploadTraffic(emu.store, DEMO_STAGING_BUCKET, object);
    assert.equal(traffic.sessionsOpened, 2);
    assert.equal(traffic.bytesReceived - before, SIZE, 'the new session got the whole file once');
    assertStored(object);
  });

  it('a changed file does not continue the session of its earlier content', async () => {
    const object = 'resume/changed.bin';
    emu.faults.add({ method: INSERT, after: 2, count: 1, latencyMs: 800 });
    const controller = new AbortController();
    const first = uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }], { signal: controller.signal });
    await received(object, CHUNK_BYTES);
    controller.abort();
    await assert.rejects(first);
    local = randomBytes(SIZE);
    await writeFile(source, local);

    await uploadFiles(conn, DEMO_STAGING_BUCKET, [{ source, object }]);
    assert.equal(uploadTraffic(emu.store, DEMO_STAGING_BUCKET, object).sessionsOpened, 2);
    assertStored(object);
  });
});
