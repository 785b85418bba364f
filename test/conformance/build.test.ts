import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '@google-cloud/storage';
import type { Emulator } from '../emulator/core/emulator';
import { seedArtifactRegistry } from '../emulator/artifactregistry/seed';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

/**
 * Cloud Build and Artifact Registry with gcloud. Builds are created over REST, as the
 * extension does (gcloud builds submit is not used). Not coverable with gcloud:
 * `gcloud builds log` reads LEGACY logs from a fixed https://storage.googleapis.com URL and
 * CLOUD_LOGGING_ONLY logs through a gRPC client that insists on credentials, so the build's
 * log is read here with `gcloud logging read` and `gcloud storage cat` instead.
 */
type Json = Record<string, unknown>;

describe('Cloud Build v1 and Artifact Registry v1 with gcloud', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  let dir: string;
  let build: Json = {};
  const image = 'us-central1-docker.pkg.dev/demo-project/training/trainer:conf';

  before(async () => {
    emu = await startEmulator();
    seedArtifactRegistry(emu);
    gcloud = await createGcloudHarness(emu);
    dir = await mkdtemp(join(tmpdir(), 'conf-build-'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM python:3.10-slim\nCOPY train.py /app/\nENTRYPOINT ["python", "/app/train.py"]\n');
    await writeFile(join(dir, 'train.py'), 'print("training")\n');
    execFileSync('tar', ['-czf', `${dir}.tgz`, '-C', dir, 'Dockerfile', 'train.py']);
    const storage = new Storage({ apiEndpoint: emu.url, projectId: 'demo-project' });
    const [bucket] = await storage.createBucket('demo-project_cloudbuild');
    await bucket.upload(`${dir}.tgz`, { destination: 'source/conf.tgz', resumable: false });

    const res = await fetch(`${emu.url}/v1/projects/demo-project/locations/global/builds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        source: { storageSource: { bucket: 'demo-project_cloudbuild', object: 'source/conf.tgz' } },
        steps: [{ name: 'gcr.io/cloud-builders/docker', args: ['build', '--network', 'cloudbuild', '--no-cache', '-t', image, '.'] }],
        images: [image],
      }),
    });
    assert.equal(res.status, 200);
    let op = (await res.json()) as Json;
    for (let i = 0; i < 100 && !op.done; i++) {
      await new Promise((r) => setTimeout(r, 25));
      op = (await (await fetch(`${emu.url}/v1/${String(op.name)}`)).json()) as Json;
    }
    assert.equal(op.done, true);
    build = op.response as Json;
  });

  after(async () => {
    await gcloud?.dispose();
    await emu?.stop();
    if (dir) {
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.tgz`, { force: true });
    }
  });

  it('gcloud builds list and describe show the REST-created build with its pushed image', async () => {
    const list = await gcloud.run<Json[]>(['builds', 'list']);
    assert.equal(list.code, 0, list.stderr);
    const listed = list.json?.find((b) => b.id === build.id);
    assert.equal(listed?.status, 'SUCCESS');
    assert.deepEqual(listed?.images, [image]);

    const described = await gcloud.run<Json>(['builds', 'describe', String(build.id)]);
    assert.equal(described.code, 0, described.stderr);
    const results = described.json?.results as { images: { name: string; digest: string }[] };
    assert.equal(results.images[0].name, image);
    assert.match(results.images[0].digest, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual((described.json?.source as Json).storageSource, { bucket: 'demo-project_cloudbuild', object: 'source/conf.tgz' });
  });

  it("the build's log is in Cloud Logging (gcloud logging read) and in its logs bucket (gcloud storage cat)", async () => {
    const read = await gcloud.run<Json[]>(['logging', 'read', `resource.type="build" AND resource.labels.build_id="${String(build.id)}"`, '--order=asc', '--limit=100']);
    assert.equal(read.code, 0, read.stderr);
    const lines = (read.json ?? []).map((e) => e.textPayload);
    assert.ok(lines.includes('Step 1/3 : FROM python:3.10-slim'), lines.join('\n'));
    assert.equal(lines[lines.length - 1], 'DONE');

    const cat = await gcloud.run(['storage', 'cat', `${String(build.logsBucket)}/log-${String(build.id)}.txt`], { json: false });
    assert.equal(cat.code, 0, cat.stderr);
    assert.match(cat.stdout, new RegExp(`^starting build "${String(build.id)}"\\n[\\s\\S]*Successfully tagged ${image.replace(/[.]/g, '\\.')}\\n[\\s\\S]*DONE\\n$`));
  });

  it('gcloud artifacts docker images list shows the pushed digest with its tag', async () => {
    const r = await gcloud.run<Json[]>(['artifacts', 'docker', 'images', 'list', 'us-central1-docker.pkg.dev/demo-project/training', '--include-tags']);
    assert.equal(r.code, 0, r.stderr);
    const digest = (build.results as { images: { digest: string }[] }).images[0].digest;
    const pushed = r.json?.find((i) => i.version === digest);
    assert.equal(pushed?.package, 'us-central1-docker.pkg.dev/demo-project/training/trainer');
    assert.deepEqual(pushed?.tags, ['conf']);
  });

  it('gcloud artifacts repositories create, describe and list (one location and all)', async () => {
    const created = await gcloud.run(['artifacts', 'repositories', 'create', 'conf-repo', '--repository-format=docker', '--location=us-central1', '--description=made by gcloud'], { json: false });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /Created repository \[conf-repo\]/);

    const described = await gcloud.run<Json>(['artifacts', 'repositories', 'describe', 'conf-repo', '--location=us-central1']);
    assert.equal(described.code, 0, described.stderr);
    assert.equal(described.json?.name, 'projects/demo-project/locations/us-central1/repositories/conf-repo');
    assert.equal(described.json?.format, 'DOCKER');
    assert.equal(described.json?.description, 'made by gcloud');

    const all = await gcloud.run<Json[]>(['artifacts', 'repositories', 'list']);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(all.json?.map((r) => r.name).sort(), [
      'projects/demo-project/locations/us-central1/repositories/conf-repo',
      'projects/demo-project/locations/us-central1/repositories/training',
    ]);
  });
});
