import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Transport } from '../../../src/cloud/connection';
import { needsCredentials, resolveEndpoint } from '../../../src/cloud/endpoints';
import { ProjectListError, listProjects, openProjectAccess } from '../../../src/cloud/projects';
import type { ProjectAccess } from '../../../src/cloud/projects';
import type { Emulator } from '../../emulator/core/emulator';
import { putProject } from '../../emulator/resourcemanager/projects';
import { startEmulator } from '../../emulator/server';

const SEEDED = ['demo-project', 'forecasting-prod', 'ml-research-sandbox', 'vision-staging-7f3a'];

for (const transport of ['grpc', 'rest'] as Transport[]) {
  describe(`project list over ${transport}`, () => {
    let emu: Emulator;
    let access: ProjectAccess;
    before(async () => {
      emu = await startEmulator({ seed: 'demo' });
      access = { transport, overrides: { resourcemanager: emu.url } };
    });
    after(() => emu.stop());

    test('lists the ACTIVE projects sorted by ID, with their names', async () => {
      const list = await listProjects(access);
      assert.deepEqual(list.projects.map((p) => p.projectId), SEEDED);
      assert.equal(list.projects.find((p) => p.projectId === 'demo-project')?.displayName, 'Demo Project');
      assert.equal(list.truncated, false);
    });

    test('stops at the cap and says the list is truncated', async () => {
      const list = await listProjects(access, 2);
      assert.equal(list.projects.length, 2);
      assert.equal(list.truncated, true);
      assert.equal((await listProjects(access, 4)).truncated, false);
    });

    test('pages through more projects than one page holds', async () => {
      for (let i = 0; i < 520; i++) putProject(emu, { projectId: `bulk-${String(i).padStart(4, '0')}`, displayName: `Bulk ${i}`, parent: 'folders/1' });
      try {
        const list = await listProjects(access, 1000);
        assert.equal(list.projects.length, 524);
        assert.equal(list.truncated, false);
        assert.equal(list.projects[0].projectId, 'bulk-0000');
        const capped = await listProjects(access);
        assert.equal(capped.projects.length, 500);
        assert.equal(capped.truncated, true);
      } finally {
        for (const [number, p] of emu.store.collection<{ projectId: string }>('resourcemanager.projects')) {
          if (p.projectId.startsWith('bulk-')) emu.store.remove('resourcemanager.projects', number);
        }
      }
    });

    test('a disabled API or a denied permission is a ProjectListError that says which', async () => {
      emu.faults.add({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'PERMISSION_DENIED', message: 'Cloud Resource Manager API has not been used in project 123 before or it is disabled.', count: 1 });
      await assert.rejects(listProjects(access), (e: unknown) => e instanceof ProjectListError && e.problem === 'api-disabled' && e.api?.status === 'PERMISSION_DENIED');
      emu.faults.add({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'PERMISSION_DENIED', message: 'The caller does not have permission', count: 1 });
      await assert.rejects(listProjects(access), (e: unknown) => e instanceof ProjectListError && e.problem === 'permission-denied' && /does not have permission/.test(e.message));
      emu.faults.add({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'UNAVAILABLE', count: 1 });
      await assert.rejects(listProjects(access), (e: unknown) => e instanceof ProjectListError && e.problem === 'unreachable');
    });
  });
}

test('without credentials a public endpoint is not called: the error says to sign in', async () => {
  await assert.rejects(listProjects({ transport: 'grpc', overrides: {} }), (e: unknown) => e instanceof ProjectListError && e.problem === 'sign-in');
});

test('a loopback override needs no credentials', async () => {
  assert.deepEqual(await openProjectAccess({ transport: 'rest', endpointOverrides: { resourcemanager: 'http://127.0.0.1:9' } }, {}), { transport: 'rest', overrides: { resourcemanager: 'http://127.0.0.1:9' } });
});

test('Resource Manager is one global host, and an emulator set-up without its override still needs no credentials', () => {
  assert.equal(resolveEndpoint('resourcemanager', 'europe-west4').host, 'cloudresourcemanager.googleapis.com');
  assert.equal(resolveEndpoint('resourcemanager', 'us-central1', { resourcemanager: 'http://127.0.0.1:9' }).local, true);
  const url = 'http://127.0.0.1:9';
  assert.equal(needsCredentials('us-central1', { aiplatform: url, logging: url, storage: url, cloudbuild: url, artifactregistry: url }), false);
});
