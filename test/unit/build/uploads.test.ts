import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import type { JsonObject } from '../../emulator/core/json';
import { seedStorage, DEMO_STAGING_BUCKET } from '../../emulator/storage/seed';
import { getObject } from '../../emulator/storage/objects';
import { readTar } from '../../emulator/cloudbuild/tar';
import { PackageUploadError } from '../../../src/build/python-package';
import { prepareLocalSections } from '../../../src/build/prepare';
import type { Connection } from '../../../src/cloud/connection';
import { createTrainingJob } from '../../../src/cloud/customJobs-submit';
import { ApiCallError } from '../../../src/cloud/restJson';
import { RESUMABLE_THRESHOLD_BYTES, ensureBucket, readObjectFrom, storageClient, uploadFiles, uploadStream } from '../../../src/cloud/storage';
import { VertexClients } from '../../../src/cloud/vertexClients';
import { toJobRequest } from '../../../src/jobs/spec-convert';
import { analyzeSpec } from '../../../src/jobs/spec-validate';
import { renderProject, writeProject } from '../../../src/scaffold/render';

describe('Cloud Storage uploads against the emulator', () => {
  let emu: Emulator;
  let conn: Connection;
  let dir: string;
  before(async () => {
    emu = await startEmulator();
    seedStorage(emu);
    conn = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { storage: emu.url, aiplatform: emu.url } };
    dir = await mkdtemp(join(tmpdir(), 'uploads-test-'));
  });
  after(async () => {
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads many files in parallel, the large one resumably, byte for byte', async () => {
    const sizes = [RESUMABLE_THRESHOLD_BYTES + 12345, 1, 0, 70_000, 3_000_000];
    const items = await Promise.all(sizes.map(async (size, i) => {
      const source = join(dir, `f${i}.bin`);
      await writeFile(source, randomBytes(size));
      return { source, object: `many/f${i}.bin` };
    }));
    const seen: number[] = [];
    const uploaded = await uploadFiles(conn, DEMO_STAGING_BUCKET, items, { concurrency: 3, onProgress: (done) => seen.push(done.files) });
    assert.equal(uploaded.length, sizes.length);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    for (const item of items) {
      const stored = getObject(emu.store, DEMO_STAGING_BUCKET, item.object);
      const local = await readFile(item.source);
      assert.equal(createHash('md5').update(stored?.data ?? Buffer.alloc(1)).digest('hex'), createHash('md5').update(local).digest('hex'), item.object);
    }
  });

  it('a missing bucket is a NOT_FOUND ApiCallError', async () => {
    const source = join(dir, 'one.txt');
    await writeFile(source, 'x');
    await assert.rejects(uploadFiles(conn, 'no-such-bucket', [{ source, object: 'x' }]), (err: unknown) => err instanceof ApiCallError && err.api.status === 'NOT_FOUND');
  });

  it('streams uploads, creates missing buckets once, and reads objects from an offset', async () => {
    assert.deepEqual(await ensureBucket(conn, 'demo-project_cloudbuild', 'US'), { created: true });
    assert.deepEqual(await ensureBucket(conn, 'demo-project_cloudbuild', 'US'), { created: false });
    const target = { bucket: 'demo-project_cloudbuild', object: 'log.txt' };
    assert.equal(await readObjectFrom(conn, target, 0), undefined);
    const up = await uploadStream(conn, target, Readable.from([Buffer.from('line 1\n'), Buffer.from('line 2\n')]), 'text/plain');
    assert.equal(up.bytes, 14);
    assert.equal((await readObjectFrom(conn, target, 7))?.toString(), 'line 2\n');
    assert.equal((await readObjectFrom(conn, target, 14))?.length, 0);
  });

  it('packages Python code without Docker, uploads it and submits a pythonPackageSpec job', async () => {
    const root = join(dir, 'pkg');
    await writeProject(root, renderProject({ template: 'cpu-quickstart', packaging: 'python-package', name: 'demo-pkg', bucket: DEMO_STAGING_BUCKET }));
    const specPath = join(root, 'cpu.vertex.yaml');
    const text = await readFile(specPath, 'utf8');
    const analysis = analyzeSpec(text, specPath, {});
    assert.ok(analysis.spec?.local?.pythonPackage);
    const prepared = await prepareLocalSections({
      conn, text, fileName: specPath, spec: analysis.spec, builder: () => Promise.reject(new Error('no image to build')),
      onLine: () => undefined, onStep: () => undefined,
    });
    assert.equal(prepared.text, text, 'a package upload does not change the spec');
    const uri = analysis.spec.local.pythonPackage.packageUri;
    assert.equal(prepared.pythonPackage?.uri, uri);
    const object = uri.replace(`gs://${DEMO_STAGING_BUCKET}/`, '');
    const members = readTar(getObject(emu.store, DEMO_STAGING_BUCKET, object)?.data ?? Buffer.alloc(0)).map((e) => e.name.replace(/\/$/, ''));
    assert.deepEqual(members.sort(), [...(prepared.pythonPackage?.members ?? [])].sort());
    assert.ok(members.includes('demo_pkg-0.1.0/PKG-INFO') && members.includes('demo_pkg-0.1.0/trainer/task.py'));

    const clients = new VertexClients(conn);
    try {
      const job = await createTrainingJob(clients, toJobRequest(analysis.spec, { fallbackDisplayName: 'cpu' }));
      const stored = emu.store.collection<JsonObject>('customJobs').get(job.name);
      const spec = ((stored?.jobSpec as JsonObject).workerPoolSpecs as JsonObject[])[0].pythonPackageSpec as JsonObject;
      assert.deepEqual(spec.packageUris, [uri]);
      assert.equal(spec.pythonModule, 'trainer.task');
    } finally {
      await clients.close();
    }
  });

  it('names the bucket when it does not exist', async () => {
    const root = join(dir, 'pkg2');
    await writeProject(root, renderProject({ template: 'cpu-quickstart', packaging: 'python-package', name: 'demo-pkg', bucket: 'missing-bucket' }));
    const specPath = join(root, 'cpu.vertex.yaml');
    const text = await readFile(specPath, 'utf8');
    const spec = analyzeSpec(text, specPath, {}).spec;
    assert.ok(spec);
    await assert.rejects(prepareLocalSections({ conn, text, fileName: specPath, spec, builder: () => Promise.reject(new Error('unused')), onLine: () => undefined, onStep: () => undefined }),
      (err: unknown) => err instanceof PackageUploadError && /The bucket missing-bucket does not exist/.test(err.message));
  });

  it('sends real endpoints a bearer token from the session\'s credentials', async () => {
    const session = { getAccessToken: async () => ({ token: 'session-token' }), quotaProjectId: 'billing-project' };
    const real: Connection = { ...conn, overrides: {}, authClient: session as unknown as Connection['authClient'] };
    const headers = await (storageClient(real) as unknown as { authClient: { getRequestHeaders(url?: string): Promise<Record<string, string>> } })
      .authClient.getRequestHeaders('https://storage.googleapis.com/storage/v1/b');
    assert.equal(headers.Authorization, 'Bearer session-token');
    assert.equal(headers['x-goog-user-project'], 'billing-project');
  });
});
