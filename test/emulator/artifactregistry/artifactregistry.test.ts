import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { serveRoutes } from '../storage/route-server';
import { artifactRegistryRoutes } from './routes';
import { listDockerImages, parseDockerImageUri, recordDockerImage } from './repositories';
import { seedArtifactRegistry } from './seed';

const emu = new Emulator();
let server: Awaited<ReturnType<typeof serveRoutes>>;
const LOC = '/v1/projects/p1/locations/us-central1';

before(async () => {
  server = await serveRoutes([artifactRegistryRoutes(emu)]);
});
after(async () => {
  await server.close();
  await emu.stop();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: JsonObject }> {
  const res = await fetch(`${server.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? (JSON.parse(text) as JsonObject) : { text } };
}

test('create returns a done operation with the repository; get and list show it; duplicates and bad ids fail', async () => {
  const op = await call('POST', `${LOC}/repositories?repositoryId=images`, { format: 'DOCKER', description: 'd' });
  assert.equal(op.status, 200);
  assert.equal(op.json.done, true);
  assert.match(String(op.json.name), /^projects\/p1\/locations\/us-central1\/operations\/[0-9a-f-]{36}$/);
  const repo = op.json.response as JsonObject;
  assert.equal(repo['@type'], 'type.googleapis.com/google.devtools.artifactregistry.v1.Repository');
  assert.equal(repo.name, 'projects/p1/locations/us-central1/repositories/images');
  assert.equal(repo.registryUri, 'us-central1-docker.pkg.dev/p1/images');
  assert.equal(repo.mode, 'STANDARD_REPOSITORY');

  const polled = await call('GET', `/v1/${String(op.json.name)}`);
  assert.equal(polled.json.done, true);
  const got = await call('GET', `${LOC}/repositories/images`);
  assert.equal(got.json.format, 'DOCKER');
  assert.equal(got.json.description, 'd');
  const listed = await call('GET', `/artifactregistry${LOC}/repositories`);
  assert.deepEqual((listed.json.repositories as JsonObject[]).map((r) => r.name), [repo.name]);

  const again = await call('POST', `${LOC}/repositories?repositoryId=images`, { format: 'DOCKER' });
  assert.equal(again.status, 409);
  assert.equal((again.json.error as JsonObject).status, 'ALREADY_EXISTS');
  const bad = await call('POST', `${LOC}/repositories?repositoryId=Bad_Id`, { format: 'DOCKER' });
  assert.equal(bad.status, 400);
  const missing = await call('GET', `${LOC}/repositories/nope`);
  assert.deepEqual(missing.json, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
});

test('docker images: tags move to the newest push of a name; list and get by name', async () => {
  const ref = parseDockerImageUri('us-central1-docker.pkg.dev/p1/images/team/trainer:v2');
  assert.deepEqual(ref, { location: 'us-central1', project: 'p1', repository: 'images', image: 'team/trainer', tag: 'v2', digest: undefined });
  const digest = (c: string) => `sha256:${c.repeat(64)}`;
  recordDockerImage(emu.store, { ref: ref!, digest: digest('a'), imageSizeBytes: 10 });
  recordDockerImage(emu.store, { ref: ref!, digest: digest('b'), imageSizeBytes: 20 });
  const images = (await call('GET', `${LOC}/repositories/images/dockerImages`)).json.dockerImages as JsonObject[];
  assert.deepEqual(
    images.map((i) => [i.uri, i.tags, i.imageSizeBytes]),
    [
      [`us-central1-docker.pkg.dev/p1/images/team/trainer@${digest('a')}`, [], '10'],
      [`us-central1-docker.pkg.dev/p1/images/team/trainer@${digest('b')}`, ['v2'], '20'],
    ],
  );
  assert.equal(images[0].name, `projects/p1/locations/us-central1/repositories/images/dockerImages/team%2Ftrainer@${digest('a')}`);
  const one = await call('GET', `${LOC}/repositories/images/dockerImages/${encodeURIComponent(`team/trainer@${digest('b')}`)}`);
  assert.equal(one.json.uri, images[1].uri);
  assert.equal((await call('GET', `${LOC}/repositories/images`)).json.sizeBytes, '30');
  assert.throws(() => recordDockerImage(emu.store, { ref: { ...ref!, repository: 'absent' }, digest: digest('c'), imageSizeBytes: 1 }), /not found/);
});

test('v1 locations, and operations it did not start, are served only under the /artifactregistry prefix', async () => {
  const prefixed = await call('GET', '/artifactregistry/v1/projects/p1/locations');
  assert.ok((prefixed.json.locations as JsonObject[]).some((l) => l.name === 'projects/p1/locations/us-central1' && l.locationId === 'us-central1'));
  assert.equal((await call('GET', '/v1/projects/p1/locations')).json.text, 'no route');
  assert.ok(((await call('GET', '/v1beta2/projects/p1/locations')).json.locations as JsonObject[]).length > 0);
  assert.equal((await call('GET', `${LOC}/operations/not-ours`)).json.text, 'no route');
  assert.equal((await call('GET', `/artifactregistry${LOC}/operations/not-ours`)).status, 404);
});

test('the demo seed has the training repository with a tagged image, and is idempotent', () => {
  seedArtifactRegistry(emu);
  seedArtifactRegistry(emu);
  const images = listDockerImages(emu.store, 'projects/demo-project/locations/us-central1/repositories/training');
  assert.equal(images.length, 1);
  assert.deepEqual(images[0].tags, ['latest']);
});
