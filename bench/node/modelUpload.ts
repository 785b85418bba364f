// Model upload bench: a 200-file, 50 MB model folder staged for Upload Model with the extension's
// parallel uploader (src/cloud/modelUpload.ts over src/cloud/storage.ts), then the same folder one
// file at a time with the same code, in the same run, against the emulator's Cloud Storage with
// the upload bench's emulated network latency per upload request (see upload.ts).
// Run alone: npx tsx bench/node/modelUpload.ts
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../../src/cloud/connection';
import { stageModelFolder } from '../../src/cloud/modelUpload';
import { DEFAULT_UPLOAD_CONCURRENCY, ensureBucket } from '../../src/cloud/storage';
import { startEmulator } from '../../test/emulator/server';
import { UPLOAD_LATENCY_MS } from './upload';

const FILES = 200;
const TOTAL_BYTES = 50 * 1024 * 1024;
/** A SavedModel's shape: a few large variable shards, many small assets. */
const LARGE = [10, 10].map((mb) => mb * 1024 * 1024);

async function makeModel(root: string): Promise<void> {
  const smallCount = FILES - LARGE.length - 1;
  const smallSize = Math.floor((TOTAL_BYTES - LARGE.reduce((a, b) => a + b, 0)) / smallCount);
  await mkdir(join(root, 'variables'), { recursive: true });
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'saved_model.pb'), randomBytes(64 * 1024));
  await Promise.all(LARGE.map((size, i) => writeFile(join(root, 'variables', `variables.data-0000${i}-of-0000${LARGE.length}`), randomBytes(size))));
  await Promise.all(Array.from({ length: smallCount }, (_, i) => writeFile(join(root, 'assets', `vocab-${i}.bin`), randomBytes(smallSize))));
}

export async function modelUploadBench(): Promise<Record<string, number>> {
  const root = await mkdtemp(join(tmpdir(), 'model-upload-bench-'));
  const emu = await startEmulator();
  try {
    await makeModel(root);
    emu.faults.add({ method: 'storage.objects.insert', latencyMs: UPLOAD_LATENCY_MS });
    const conn: Connection = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { storage: emu.url } };
    await ensureBucket(conn, 'bench-model-parallel', 'US-CENTRAL1');
    await ensureBucket(conn, 'bench-model-sequential', 'US-CENTRAL1');

    const parallelStart = performance.now();
    const parallelRun = await stageModelFolder(conn, root, { bucket: 'bench-model-parallel', object: 'model' }, { concurrency: DEFAULT_UPLOAD_CONCURRENCY });
    const parallel = performance.now() - parallelStart;
    if (parallelRun.files.length !== FILES || parallelRun.uploadedFiles !== FILES) throw new Error(`The bench model has ${parallelRun.files.length} files, ${parallelRun.uploadedFiles} uploaded.`);

    const sequentialStart = performance.now();
    await stageModelFolder(conn, root, { bucket: 'bench-model-sequential', object: 'model' }, { concurrency: 1 });
    const sequential = performance.now() - sequentialStart;
    return {
      model_upload_ms: Math.round(parallel),
      model_upload_sequential_ms: Math.round(sequential),
      model_upload_speedup: Math.round((sequential / parallel) * 100) / 100,
    };
  } finally {
    await emu.stop();
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('modelUpload.ts')) {
  modelUploadBench().then((figures) => console.log(JSON.stringify(figures, null, 2)), (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
