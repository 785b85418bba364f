import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { seedArtifactRegistry } from '../../emulator/artifactregistry/seed';
import { findDockerImage, listDockerImages, listDockerRepositories, parseArtifactRegistryUri, taggedUri } from '../../../src/cloud/artifactRegistry';
import type { Connection } from '../../../src/cloud/connection';

describe('Artifact Registry through its REST API (emulator)', () => {
  let emu: Emulator;
  let conn: Connection;
  before(async () => {
    emu = await startEmulator();
    seedArtifactRegistry(emu);
    conn = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { artifactregistry: emu.url } };
  });
  after(() => emu.stop());

  test('lists Docker repositories and their images', async () => {
    const repositories = await listDockerRepositories(conn, 'us-central1');
    assert.deepEqual(repositories.map((r) => [r.name, r.registryUri]), [['projects/demo-project/locations/us-central1/repositories/training', 'us-central1-docker.pkg.dev/demo-project/training']]);
    const images = await listDockerImages(conn, repositories[0].name);
    assert.equal(images.length, 1);
    assert.equal(taggedUri(images[0]), 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest');
  });

  test('tells an image that exists from one that does not', async () => {
    assert.equal(await findDockerImage(conn, 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest'), 'exists');
    assert.equal(await findDockerImage(conn, 'us-central1-docker.pkg.dev/demo-project/training/trainer'), 'exists', 'no tag means latest');
    assert.equal(await findDockerImage(conn, 'us-central1-docker.pkg.dev/demo-project/training/trainer:v2'), 'missing');
    assert.equal(await findDockerImage(conn, 'us-central1-docker.pkg.dev/demo-project/training/other:latest'), 'missing');
    assert.equal(await findDockerImage(conn, 'us-central1-docker.pkg.dev/demo-project/no-such-repo/trainer:latest'), 'missing');
    assert.equal(await findDockerImage(conn, 'gcr.io/demo-project/trainer:latest'), 'unknown', 'not an Artifact Registry image');
  });

  test('an unreachable registry cannot tell', async () => {
    const closed = { ...conn, overrides: { artifactregistry: 'http://127.0.0.1:9' } };
    assert.equal(await findDockerImage(closed, 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest'), 'unknown');
  });
});

test('Artifact Registry image URIs', () => {
  assert.deepEqual(parseArtifactRegistryUri('europe-west4-docker.pkg.dev/p/repo/team/img:v1'), { location: 'europe-west4', project: 'p', repository: 'repo', image: 'team/img', tag: 'v1' });
  assert.equal(parseArtifactRegistryUri('gcr.io/p/img'), undefined);
});
