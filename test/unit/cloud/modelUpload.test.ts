import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { DEMO_STAGING_BUCKET, seedStorage } from '../../emulator/storage/seed';
import { getObject } from '../../emulator/storage/objects';
import { uploadTraffic } from '../../emulator/storage/resumable';
import type { Connection } from '../../../src/cloud/connection';
import { artifactProblem, bucketRegionProblem, predictionImageUri, prebuiltImageOf, registerModel, stageModelFolder } from '../../../src/cloud/modelUpload';
import { getModel } from '../../../src/cloud/models';
import { RESUMABLE_THRESHOLD_BYTES } from '../../../src/cloud/storage';
import { VertexClients } from '../../../src/cloud/vertexClients';

const SKLEARN = predictionImageUri('sklearn-cpu.1-3', 'us-central1');

test('prebuilt images come from the repository nearest the region and name the file they load', () => {
  assert.equal(predictionImageUri('tf2-cpu.2-15', 'europe-west4'), 'europe-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest');
  assert.equal(predictionImageUri('tf2-cpu.2-15', 'asia-northeast1'), 'asia-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest');
  assert.equal(prebuiltImageOf(SKLEARN)?.framework, 'scikit-learn');
  assert.equal(artifactProblem(['model.joblib', 'README.md'], SKLEARN, 'gs://b/m/'), undefined);
  assert.match(artifactProblem(['weights.h5'], SKLEARN, 'gs://b/m/') ?? '', /no model file for scikit-learn: it needs one of model\.joblib, model\.pkl/);
  assert.match(artifactProblem(['model.joblib', 'model.pkl'], SKLEARN, 'gs://b/m/') ?? '', /several model files/);
  assert.equal(artifactProblem(['server.bin'], 'us-docker.pkg.dev/p/r/custom:1', 'gs://b/m/'), undefined);
  assert.match(artifactProblem([], 'us-docker.pkg.dev/p/r/custom:1', 'gs://b/m/') ?? '', /holds no model artifacts/);
});

test('a bucket outside the region (or its multi-region) is refused with both places named', () => {
  assert.equal(bucketRegionProblem('b', 'US-CENTRAL1', 'us-central1'), undefined);
  assert.equal(bucketRegionProblem('b', 'US', 'us-east4'), undefined);
  assert.equal(bucketRegionProblem('b', 'NAM4', 'us-central1'), undefined);
  assert.match(bucketRegionProblem('b', 'EUROPE-WEST4', 'us-central1') ?? '', /bucket b is in europe-west4, not in us-central1/);
  assert.match(bucketRegionProblem('b', 'EU', 'us-central1') ?? '', /EU multi-region, which does not hold us-central1/);
});

describe('staging a model folder against the emulator', () => {
  let emu: Emulator;
  let conn: Connection;
  let dir: string;
  let folder: string;
  before(async () => {
    emu = await startEmulator();
    seedStorage(emu);
    conn = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { storage: emu.url, aiplatform: emu.url } };
    dir = await mkdtemp(join(tmpdir(), 'model-upload-test-'));
    folder = join(dir, 'model');
    await mkdir(join(folder, 'assets'), { recursive: true });
    await writeFile(join(folder, 'model.joblib'), randomBytes(RESUMABLE_THRESHOLD_BYTES + 4321));
    await Promise.all(Array.from({ length: 24 }, (_, i) => writeFile(join(folder, 'assets', `part-${i}.bin`), randomBytes(20_000 + i))));
  });
  after(async () => {
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function assertStaged(prefix: string): Promise<void> {
    for (const path of ['model.joblib', ...Array.from({ length: 24 }, (_, i) => `assets/part-${i}.bin`)]) {
      const stored = getObject(emu.store, DEMO_STAGING_BUCKET, `${prefix}/${path}`);
      const local = await readFile(join(folder, ...path.split('/')));
      assert.equal(createHash('md5').update(stored?.data ?? Buffer.alloc(1)).digest('hex'), createHash('md5').update(local).digest('hex'), path);
    }
  }

  it('a failure halfway through is retried for the files still missing, and every byte arrives', async () => {
    let injected = false;
    const retries: number[] = [];
    const progress: number[] = [];
    const staged = await stageModelFolder(conn, folder, { bucket: DEMO_STAGING_BUCKET, object: 'models/flaky' }, {
      concurrency: 4,
      onProgress: (p) => {
        progress.push(p.bytes);
        if (!injected && p.files >= 3) {
          injected = true;
          emu.faults.add({ method: 'storage.objects.insert', code: 'UNAVAILABLE', count: 6 });
        }
      },
      onRetry: (_err, remaining) => retries.push(remaining),
    });
    assert.ok(injected);
    assert.equal(staged.uri, `gs://${DEMO_STAGING_BUCKET}/models/flaky/`);
    assert.equal(staged.files.length, 25);
    assert.ok(retries.length >= 1, 'the failure was retried');
    assert.ok(retries[0] < 25 && retries[0] > 0, `retried only what was missing (${retries[0]} files)`);
    assert.equal(progress[progress.length - 1], staged.bytes);
    await assertStaged('models/flaky');
  });

  it('a chunk of the large file that fails is sent again from where the session stopped, not from byte 0', async () => {
    const retries: unknown[] = [];
    // One at a time, biggest first: call 1 opens model.joblib's session, call 2 sends its first chunk, call 3 fails.
    emu.faults.add({ method: 'storage.objects.insert', code: 'UNAVAILABLE', after: 2, count: 1 });
    const staged = await stageModelFolder(conn, folder, { bucket: DEMO_STAGING_BUCKET, object: 'models/chunk-failure' }, { concurrency: 1, onRetry: (err) => retries.push(err) });
    assert.deepEqual(emu.faults.list(), [], 'the failure was not hit');
    assert.deepEqual(retries, []);
    assert.equal(staged.files.length, 25);
    const size = RESUMABLE_THRESHOLD_BYTES + 4321;
    const traffic = uploadTraffic(emu.store, DEMO_STAGING_BUCKET, 'models/chunk-failure/model.joblib');
    assert.equal(traffic.sessionsOpened, 1);
    // The failed request carried the last 4321 bytes; they went once more, nothing else did.
    assert.equal(traffic.bytesReceived, size + 4321);
    await assertStaged('models/chunk-failure');
  });

  it('cancelled, registers nothing; run again, sends only what is missing; then registers one model', async () => {
    const controller = new AbortController();
    const to = { bucket: DEMO_STAGING_BUCKET, object: 'models/cancelled' };
    await assert.rejects(
      stageModelFolder(conn, folder, to, { concurrency: 2, signal: controller.signal, onProgress: (p) => p.files >= 4 && controller.abort() }),
      (err: unknown) => err instanceof DOMException && err.name === 'AbortError',
    );
    const again = await stageModelFolder(conn, folder, to, { concurrency: 4 });
    assert.ok(again.skippedFiles >= 4, `skipped ${again.skippedFiles}`);
    assert.equal(again.skippedFiles + again.uploadedFiles, 25);
    await assertStaged('models/cancelled');

    const clients = new VertexClients(conn);
    try {
      const registered = await registerModel(clients, { displayName: 'staged-model', artifactUri: again.uri, imageUri: SKLEARN });
      const model = await getModel(clients, registered.model);
      assert.equal(model.displayName, 'staged-model');
      assert.equal(model.artifactUri, again.uri);
      assert.equal(registered.versionId, '1');
      const v2 = await registerModel(clients, { displayName: 'ignored', artifactUri: again.uri, imageUri: SKLEARN, parentModel: `${registered.model}@1` });
      assert.deepEqual(v2, { model: registered.model, versionId: '2' });
    } finally {
      await clients.close();
    }
  });
});
