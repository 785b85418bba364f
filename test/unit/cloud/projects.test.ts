import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Transport } from '../../../src/cloud/connection';
import { needsCredentials, resolveEndpoint } from '../../../src/cloud/endpoints';
import { loadResourceManager } from '../../../src/cloud/googleLibs';
import type { ResourceManagerModule } from '../../../src/cloud/googleLibs';
import { ProjectListError, ProjectLister, enableApiUrl, openProjectAccess } from '../../../src/cloud/projects';
import type { ProjectAccess } from '../../../src/cloud/projects';
import type { Emulator } from '../../emulator/core/emulator';
import { putProject } from '../../emulator/resourcemanager/projects';
import { startEmulator } from '../../emulator/server';

const SEEDED = ['demo-project', 'forecasting-prod', 'ml-research-sandbox', 'vision-staging-7f3a'];

for (const transport of ['grpc', 'rest'] as Transport[]) {
  describe(`project list over ${transport}`, () => {
    let emu: Emulator;
    let access: ProjectAccess;
    let lister: ProjectLister;
    before(async () => {
      emu = await startEmulator({ seed: 'demo' });
      access = { transport, overrides: { resourcemanager: emu.url } };
      lister = new ProjectLister(access);
    });
    after(async () => {
      await lister.close();
      await emu.stop();
    });

    test('one client serves every listing until closed', async () => {
      let created = 0;
      const counting = (): ResourceManagerModule => {
        const lib = loadResourceManager();
        return { ...lib, ProjectsClient: class extends lib.ProjectsClient { constructor(...args: ConstructorParameters<typeof lib.ProjectsClient>) { super(...args); created++; } } };
      };
      const own = new ProjectLister(access, counting);
      try {
        await own.list();
        await own.list();
        assert.equal(created, 1);
        await own.close();
        assert.equal((await own.list()).projects.length, SEEDED.length);
        assert.equal(created, 2);
      } finally {
        await own.close();
      }
    });

    test('lists the ACTIVE projects sorted by ID, with their names', async () => {
      const list = await lister.list();
      assert.deepEqual(list.projects.map((p) => p.projectId), SEEDED);
      assert.equal(list.projects.find((p) => p.projectId === 'demo-project')?.displayName, 'Demo Project');
      assert.equal(list.truncated, false);
    });

    test('stops at the cap and says the list is truncated', async () => {
      const list = await lister.list(2);
      assert.equal(list.projects.length, 2);
      assert.equal(list.truncated, true);
      assert.equal((await lister.list(4)).truncated, false);
    });

    test('pages through more projects than one page holds', async () => {
      for (let i = 0; i < 520; i++) putProject(emu, { projectId: `bulk-${String(i).padStart(4, '0')}`, displayName: `Bulk ${i}`, parent: 'folders/1' });
      try {
        const list = await lister.list(1000);
        assert.equal(list.projects.length, 524);
        assert.equal(list.truncated, false);
        assert.equal(list.projects[0].projectId, 'bulk-0000');
        const capped = await lister.list();
        assert.equal(capped.projects.length, 500);
        assert.equal(capped.truncated, true);
      } finally {
        for (const [number, p] of emu.store.collection<{ projectId: string }>('resourcemanager.projects')) {
          if (p.projectId.startsWith('bulk-')) emu.store.remove('resourcemanager.projects', number);
        }
      }
    });

    test('a disabled API or a denied permission is a ProjectListError that says which', async () => {
      const enable = 'https://console.developers.google.com/apis/api/cloudresourcemanager.googleapis.com/overview?project=123';
      emu.faults.add({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'PERMISSION_DENIED', message: `Cloud Resource Manager API has not been used in project 123 before or it is disabled. Enable it by visiting ${enable} then retry.`, count: 1 });
      await assert.rejects(lister.list(), (e: unknown) => e instanceof ProjectListError && e.problem === 'api-disabled' && e.api?.status === 'PERMISSION_DENIED' && e.enableUrl === enable);
      emu.faults.add({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'PERMISSION_DENIED', message: 'The caller does not have permission', count: 1 });
      await assert.rejects(lister.list(), (e: unknown) => e instanceof ProjectListError && e.problem === 'permission-denied' && /does not have permission/.test(e.message));
      emu.faults.add({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'UNAVAILABLE', count: 1 });
      await assert.rejects(lister.list(), (e: unknown) => e instanceof ProjectListError && e.problem === 'unreachable');
    });
  });
}

test('without credentials a public endpoint is not called: the error says to sign in', async () => {
  await assert.rejects(new ProjectLister({ transport: 'grpc', overrides: {} }).list(), (e: unknown) => e instanceof ProjectListError && e.problem === 'sign-in');
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

describe('the page that enables a disabled API', () => {
  const api = (message: string, details: Record<string, unknown>[] = []) => ({ status: 'PERMISSION_DENIED' as const, code: 7, message, details });
  const activation = 'https://console.developers.google.com/apis/api/cloudresourcemanager.googleapis.com/overview?project=417669879869';

  test('comes from ErrorInfo, then a Help link, then the message', () => {
    const errorInfo = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', metadata: { activationUrl: activation, service: 'cloudresourcemanager.googleapis.com' } };
    const help = { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Google developers console API activation', url: `${activation}&help` }] };
    assert.equal(enableApiUrl(api('disabled', [help, errorInfo])), activation);
    assert.equal(enableApiUrl(api('disabled', [help])), `${activation}&help`);
    assert.equal(enableApiUrl(api(`Cloud Resource Manager API has not been used in project 417669879869 before or it is disabled. Enable it by visiting ${activation} then retry.`)), activation);
    assert.equal(enableApiUrl(api(`It is disabled. Enable it by visiting ${activation}.`)), activation);
  });

  test('is the API library page when the error names none', () => {
    assert.equal(enableApiUrl(api('Cloud Resource Manager API has not been used in project 1 before or it is disabled.')), 'https://console.cloud.google.com/apis/library/cloudresourcemanager.googleapis.com');
  });
});
