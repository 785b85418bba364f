import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { projectsClientOptions } from '../../../src/cloud/projects';
import { loadResourceManager } from '../../../src/cloud/googleLibs';
import type { Emulator } from '../core/emulator';
import { projectNumber } from '../core/resource-names';
import { startEmulator } from '../server';
import { compileProjectQuery } from './projects';

describe('Resource Manager emulator', () => {
  let emu: Emulator;
  let client: InstanceType<ReturnType<typeof loadResourceManager>['ProjectsClient']>;
  before(async () => {
    emu = await startEmulator({ seed: 'demo' });
    const lib = loadResourceManager();
    client = new lib.ProjectsClient(projectsClientOptions({ transport: 'grpc', overrides: { resourcemanager: emu.url } }, lib) as never);
  });
  after(async () => {
    await client.close();
    await emu.stop();
  });

  test('getProject takes an ID or a number and answers with the number Vertex AI uses', async () => {
    const number = projectNumber(emu.store, 'demo-project');
    const [byId] = await client.getProject({ name: 'projects/demo-project' });
    assert.equal(byId.name, `projects/${number}`);
    assert.equal(byId.state, 'ACTIVE');
    const [byNumber] = await client.getProject({ name: `projects/${number}` });
    assert.equal(byNumber.projectId, 'demo-project');
    await assert.rejects(client.getProject({ name: 'projects/no-such-project' }), (e: { code?: number }) => e.code === 7);
  });

  test('listProjects lists one parent, deleted ones only when asked', async () => {
    const [active] = await client.listProjects({ parent: 'folders/271828182845' }, { autoPaginate: false });
    assert.deepEqual(active.map((p) => p.projectId).sort(), ['ml-research-sandbox', 'vision-staging-7f3a']);
    const [all] = await client.listProjects({ parent: 'folders/271828182845', showDeleted: true }, { autoPaginate: false });
    assert.equal(all.length, 3);
    await assert.rejects(client.listProjects({ parent: 'nonsense' }), (e: { code?: number }) => e.code === 3);
  });

  test('searchProjects filters with the query language', async () => {
    const [found] = await client.searchProjects({ query: 'state:ACTIVE labels.env:prod' }, { autoPaginate: false });
    assert.deepEqual(found.map((p) => p.projectId), ['forecasting-prod']);
    const [prefix] = await client.searchProjects({ query: 'displayName:vision*' }, { autoPaginate: false });
    assert.deepEqual(prefix.map((p) => p.projectId), ['vision-staging-7f3a']);
    await assert.rejects(client.searchProjects({ query: 'colour:blue' }, { autoPaginate: false }), (e: { code?: number }) => e.code === 3);
  });

  test("gcloud's v1 list and get read the same projects", async () => {
    const res = await fetch(`${emu.url}/v1/projects?filter=${encodeURIComponent('lifecycleState:ACTIVE AND (parent.type=folder)')}`);
    const body = (await res.json()) as { projects: Array<{ projectId: string; lifecycleState: string; parent: { type: string } }> };
    assert.deepEqual(body.projects.map((p) => p.projectId).sort(), ['ml-research-sandbox', 'vision-staging-7f3a']);
    const one = (await (await fetch(`${emu.url}/v1/projects/forecasting-prod`)).json()) as Record<string, unknown>;
    assert.equal(one.name, 'Forecasting (prod)');
    assert.equal(one.projectNumber, projectNumber(emu.store, 'forecasting-prod'));
    assert.equal((await fetch(`${emu.url}/v1/projects/no-such-project`)).status, 403);
  });
});

test('the query language: AND of terms, quotes, prefixes, unknown fields rejected', () => {
  const p = { projectId: 'a-proj', displayName: 'My Project', state: 'ACTIVE', parent: 'folders/9', labels: { env: 'dev' } };
  assert.equal(compileProjectQuery('')(p), true);
  assert.equal(compileProjectQuery('name:"my project" state:active')(p), true);
  assert.equal(compileProjectQuery('id:a-* parent:folders/9 labels.env=dev')(p), true);
  assert.equal(compileProjectQuery('id:a-proj labels.env:prod')(p), false);
  assert.throws(() => compileProjectQuery('owner:me'), /unknown field/);
  assert.throws(() => compileProjectQuery('id:a OR id:b'), /Invalid query/);
});
