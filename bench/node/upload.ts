// Upload bench: a 100 MB project of 500 files, listed with the build context rules and uploaded to
// the emulator's Cloud Storage with the extension's uploader (src/cloud/storage.ts), in parallel,
// then the same files one by one with the same code. The emulator adds UPLOAD_LATENCY_MS to each
// upload request to stand for the network round trip a real bucket has; on loopback alone both
// runs would only measure this machine's CPU.
// Run alone: npx tsx bench/node/upload.ts
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listContext } from '../../src/build/context';
import type { Connection } from '../../src/cloud/connection';
import { DEFAULT_UPLOAD_CONCURRENCY, ensureBucket, uploadFiles } from '../../src/cloud/storage';
import { startEmulator } from '../../test/emulator/server';

const FILES = 500;
const LARGE = [12, 12, 12, 12, 12].map((mb) => mb * 1024 * 1024);
const TOTAL_BYTES = 100 * 1024 * 1024;
export const UPLOAD_LATENCY_MS = 40;

async function makeProject(root: string): Promise<void> {
  const smallCount = FILES - LARGE.length;
  const smallSize = Math.floor((TOTAL_BYTES - LARGE.reduce((a, b) => a + b, 0)) / smallCount);
  await Promise.all(LARGE.map((size, i) => writeFile(join(root, `checkpoint-${i}.bin`), randomBytes(size))));
  const shards = 5;
  for (let dir = 0; dir < shards; dir++) {
    await mkdir(join(root, 'data', `shard-${dir}`), { recursive: true });
    await Promise.all(Array.from({ length: smallCount / shards }, (_, i) => writeFile(join(root, 'data', `shard-${dir}`, `part-${i}.bin`), randomBytes(smallSize))));
  }
}

export async function uploadBench(): Promise<Record<string, number>> {
  const root = await mkdtemp(join(tmpdir(), 'upload-bench-'));
  const emu = await startEmulator();
  try {
    await makeProject(root);
    emu.faults.add({ method: 'storage.objects.insert', latencyMs: UPLOAD_LATENCY_MS });
    const conn: Connection = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { storage: emu.url } };
    await ensureBucket(conn, 'bench-parallel', 'US');
    await ensureBucket(conn, 'bench-sequential', 'US');

    const parallelStart = performance.now();
    const listing = await listContext(root);
    const items = listing.files.map((f) => ({ source: join(root, ...f.path.split('/')), object: `project/${f.path}` }));
    if (items.length !== FILES || listing.totalBytes < TOTAL_BYTES - FILES) throw new Error(`The bench project has ${items.length} files, ${listing.totalBytes} bytes.`);
    await uploadFiles(conn, 'bench-parallel', items, { concurrency: DEFAULT_UPLOAD_CONCURRENCY });
    const parallel = performance.now() - parallelStart;

    const sequentialStart = performance.now();
    await uploadFiles(conn, 'bench-sequential', items, { concurrency: 1 });
    const sequential = performance.now() - sequentialStart;
    return {
      package_upload_ms: Math.round(parallel),
      sequential_upload_ms: Math.round(sequential),
      parallel_upload_speedup: Math.round((sequential / parallel) * 100) / 100,
    };
  } finally {
    await emu.stop();
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('upload.ts')) {
  uploadBench().then((figures) => console.log(JSON.stringify(figures, null, 2)), (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
