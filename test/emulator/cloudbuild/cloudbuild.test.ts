import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { logStoreOf } from '../logging/log-store';
import { createBucket, getObject, putObject } from '../storage/objects';
import { serveRoutes } from '../storage/route-server';
import { artifactRegistryRoutes } from '../artifactregistry/routes';
import { listDockerImages } from '../artifactregistry/repositories';
import { seedArtifactRegistry } from '../artifactregistry/seed';
import { cloudBuildRoutes } from './routes';
import { readTar } from './tar';

const emu = new Emulator();
let server: Awaited<ReturnType<typeof serveRoutes>>;
const scratch = mkdtempSync(join(tmpdir(), 'e3-cloudbuild-'));
const IMAGE = 'us-central1-docker.pkg.dev/demo-project/training/trainer:v1';

/** A real .tgz made by the system's tar, so the reader is checked against what tools write. */
function tgz(name: string, files: Record<string, string>): Buffer {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const out = join(scratch, `${name}.tgz`);
  execFileSync('tar', ['-czf', out, '-C', dir, '.']);
  return readFileSync(out);
}

before(async () => {
  server = await serveRoutes([cloudBuildRoutes(emu), artifactRegistryRoutes(emu)]);
  seedArtifactRegistry(emu);
  createBucket(emu.store, 'demo-project', 'demo-project_cloudbuild');
});
after(async () => {
  await server.close();
  await emu.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: JsonObject }> {
  const res = await fetch(`${server.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as JsonObject };
}

async function waitDone(opName: string): Promise<JsonObject> {
  for (let i = 0; i < 100; i++) {
    const { json } = await call('GET', `/v1/${opName}`);
    if (json.done) return json;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`operation ${opName} never finished`);
}

const dockerBuild = (object: string, images = [IMAGE]) => ({
  source: { storageSource: { bucket: 'demo-project_cloudbuild', object } },
  steps: [{ name: 'gcr.io/cloud-builders/docker', args: ['build', '--network', 'cloudbuild', '--no-cache', '-t', IMAGE, '.'] }],
  images,
});

test('the tar reader reads what tar writes: ./ prefixes, nested dirs and names over 100 bytes', () => {
  const long = `${'deep/'.repeat(22)}file.txt`;
  const entries = readTar(tgz('tar-check', { Dockerfile: 'FROM scratch\n', 'src/train.py': 'print(1)\n', [long]: 'x' }));
  const files = entries.filter((e) => e.type === '0');
  assert.deepEqual(files.map((e) => e.name).sort(), ['Dockerfile', long, 'src/train.py'].sort());
  assert.equal(files.find((e) => e.name === 'src/train.py')?.data.toString(), 'print(1)\n');
  assert.throws(() => readTar(Buffer.alloc(1024, 7)), /not a tar archive/);
});

test('a docker build goes QUEUED → WORKING → SUCCESS, logs, and pushes a digest into Artifact Registry', async () => {
  putObject(emu.store, 'demo-project_cloudbuild', 'source/ok.tgz', tgz('ok', { Dockerfile: 'FROM python:3.10\n# comment\nRUN pip install \\\n  torch\nCOPY . /app\n', 'train.py': 'print(1)' }));
  const created = await call('POST', '/v1/projects/demo-project/locations/us-central1/builds', dockerBuild('source/ok.tgz'));
  assert.equal(created.status, 200);
  assert.equal(created.json.done, false);
  const metadata = created.json.metadata as JsonObject;
  assert.equal(metadata['@type'], 'type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata');
  const build = metadata.build as JsonObject;
  assert.equal(build.status, 'QUEUED');
  assert.match(String(build.name), /^projects\/\d+\/locations\/us-central1\/builds\/[0-9a-f-]{36}$/);

  const op = await waitDone(String(created.json.name));
  const response = op.response as JsonObject;
  assert.equal(response['@type'], 'type.googleapis.com/google.devtools.cloudbuild.v1.Build');
  assert.equal(response.status, 'SUCCESS');
  const pushed = ((response.results as JsonObject).images as JsonObject[])[0];
  assert.equal(pushed.name, IMAGE);
  assert.match(String(pushed.digest), /^sha256:[0-9a-f]{64}$/);
  assert.ok((response.timing as JsonObject).BUILD && (response.timing as JsonObject).PUSH);

  const images = listDockerImages(emu.store, 'projects/demo-project/locations/us-central1/repositories/training');
  const image = images.find((i) => String(i.uri).endsWith(String(pushed.digest)));
  assert.deepEqual(image?.tags, ['v1']);
  assert.equal(image?.uri, `us-central1-docker.pkg.dev/demo-project/training/trainer@${String(pushed.digest)}`);

  const id = String(response.id);
  const lines = logStoreOf(emu.store)
    .entries()
    .filter((e) => e.resource?.type === 'build' && e.resource.labels?.build_id === id)
    .map((e) => e.textPayload);
  assert.ok(lines.includes('Step 2/3 : RUN pip install torch'), lines.join('\n'));
  assert.equal(lines[lines.length - 1], 'DONE');
  const logFile = getObject(emu.store, `${String(response.logsBucket).slice(5)}`, `log-${id}.txt`);
  assert.match(logFile?.data.toString() ?? '', /FETCHSOURCE[\s\S]*Successfully tagged us-central1-docker\.pkg\.dev\/demo-project\/training\/trainer:v1[\s\S]*DONE\n$/);

  const got = await call('GET', `/v1/projects/demo-project/locations/us-central1/builds/${id}`);
  assert.equal(got.json.status, 'SUCCESS');
  const viaPrefix = await call('GET', `/cloudbuild/v1/projects/demo-project/locations/us-central1/builds?filter=${encodeURIComponent('status="SUCCESS"')}`);
  assert.ok((viaPrefix.json.builds as JsonObject[]).some((b) => b.id === id));
});

test('without a Dockerfile the build fails with the step error, statusDetail and failureInfo', async () => {
  putObject(emu.store, 'demo-project_cloudbuild', 'source/nodockerfile.tgz', tgz('nodockerfile', { 'train.py': 'print(1)' }));
  const created = await call('POST', '/v1/projects/demo-project/builds', dockerBuild('source/nodockerfile.tgz'));
  assert.match(String(created.json.name), /^operations\/build\/demo-project\/[A-Za-z0-9+/=]+$/);
  const op = await waitDone(String(created.json.name));
  assert.deepEqual(op.error, { code: 2, message: 'Build failed; check build logs for details' });
  const build = (op.metadata as JsonObject).build as JsonObject;
  assert.equal(build.status, 'FAILURE');
  assert.equal(build.statusDetail, 'Build step failure: build step 0 "gcr.io/cloud-builders/docker" failed: step exited with non-zero status: 1');
  assert.deepEqual(build.failureInfo, { type: 'USER_BUILD_STEP', detail: build.statusDetail });
  const log = getObject(emu.store, String(build.logsBucket).slice(5), `log-${String(build.id)}.txt`)?.data.toString() ?? '';
  assert.match(log, /lstat \/workspace\/Dockerfile: no such file or directory/);
  const legacyGet = await call('GET', `/v1/projects/demo-project/builds/${String(build.id)}`);
  assert.equal(legacyGet.json.status, 'FAILURE');
});

test('pushing to a repository that does not exist fails the build', async () => {
  putObject(emu.store, 'demo-project_cloudbuild', 'source/norepo.tgz', tgz('norepo', { Dockerfile: 'FROM scratch\n' }));
  const image = 'us-central1-docker.pkg.dev/demo-project/missing/trainer:v1';
  const body = { ...dockerBuild('source/norepo.tgz', [image]), steps: [{ name: 'gcr.io/cloud-builders/docker', args: ['build', '-t', image, '.'] }] };
  const op = await waitDone(String((await call('POST', '/v1/projects/demo-project/locations/us-central1/builds', body)).json.name));
  const build = (op.metadata as JsonObject).build as JsonObject;
  assert.equal(build.status, 'FAILURE');
  assert.match(String(build.statusDetail), /Repository "missing" not found/);
});

test('cancel, validation errors and unknown builds', async () => {
  putObject(emu.store, 'demo-project_cloudbuild', 'source/cancel.tgz', tgz('cancel', { Dockerfile: 'FROM scratch\n' }));
  const created = await call('POST', '/v1/projects/demo-project/locations/global/builds', dockerBuild('source/cancel.tgz'));
  const id = String(((created.json.metadata as JsonObject).build as JsonObject).id);
  const ongoing = await call('GET', `/v1/projects/demo-project/locations/global/builds?filter=${encodeURIComponent('status="WORKING" OR status="QUEUED"')}`);
  assert.deepEqual((ongoing.json.builds as JsonObject[]).map((b) => b.id), [id]);
  const cancelled = await call('POST', `/v1/projects/demo-project/locations/global/builds/${id}:cancel`, {});
  assert.equal(cancelled.json.status, 'CANCELLED');
  const op = await call('GET', `/v1/${String(created.json.name)}`);
  assert.equal(op.json.done, true);
  assert.equal((op.json.error as JsonObject).code, 1);
  await new Promise((r) => setTimeout(r, 4 * emu.timings.operationMs));
  assert.equal((await call('GET', `/v1/projects/demo-project/builds/${id}`)).json.status, 'CANCELLED');

  const noSteps = await call('POST', '/v1/projects/demo-project/builds', { images: [IMAGE] });
  assert.equal(noSteps.status, 400);
  assert.equal((noSteps.json.error as JsonObject).status, 'INVALID_ARGUMENT');
  emu.faults.add({ method: 'google.devtools.cloudbuild.v1.CloudBuild.ListBuilds', code: 'PERMISSION_DENIED', message: 'denied', count: 1 });
  assert.deepEqual((await call('GET', '/v1/projects/demo-project/builds')).json, { error: { code: 403, message: 'denied', status: 'PERMISSION_DENIED' } });
  const missing = await call('GET', '/v1/projects/demo-project/builds/nope');
  assert.equal(missing.status, 404);
  const foreignOp = await fetch(`${server.url}/v1/projects/demo-project/locations/us-central1/operations/123`);
  assert.equal(foreignOp.status, 404);
  assert.equal(await foreignOp.text(), 'no route', 'operations Cloud Build did not start are left to the next route');
});
