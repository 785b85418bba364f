import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { ProjectsClient } from '@google-cloud/resource-manager';
import { googleAuthLibrary } from 'google-gax';
import type { Emulator } from '../emulator/core/emulator';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

type ClientOptions = ConstructorParameters<typeof ProjectsClient>[0];
interface V1Project {
  projectId: string;
  projectNumber: string;
  name: string;
  lifecycleState: string;
}

describe('Resource Manager: gcloud projects list and the Node client see the same projects', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  let grpcClient: ProjectsClient;
  let restClient: ProjectsClient;

  before(async () => {
    emu = await startEmulator({ seed: 'demo' });
    gcloud = await createGcloudHarness(emu);
    grpcClient = new ProjectsClient({ apiEndpoint: '127.0.0.1', port: emu.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' });
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'emulator', expiry_date: Date.now() + 3_600_000 });
    restClient = new ProjectsClient({ fallback: true, protocol: 'http', apiEndpoint: '127.0.0.1', port: emu.port, authClient } as ClientOptions);
  });

  after(async () => {
    await grpcClient?.close();
    await restClient?.close();
    await gcloud?.dispose();
    await emu?.stop();
  });

  it('lists the ACTIVE projects with the same IDs, names and numbers', async () => {
    const listed = await gcloud.run<V1Project[]>(['projects', 'list', '--sort-by=projectId']);
    assert.equal(listed.code, 0, listed.stderr);
    const fromGcloud = (listed.json ?? []).map((p) => ({ id: p.projectId, name: p.name, number: p.projectNumber }));
    assert.ok(fromGcloud.some((p) => p.id === 'demo-project'));
    assert.ok(!fromGcloud.some((p) => p.id === 'legacy-experiments'), 'a project pending deletion is not listed');
    for (const client of [grpcClient, restClient]) {
      const [projects] = await client.searchProjects({ query: 'state:ACTIVE' }, { autoPaginate: false });
      const fromNode = projects
        .map((p) => ({ id: String(p.projectId), name: String(p.displayName), number: String(p.name).replace('projects/', '') }))
        .sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(fromNode, fromGcloud);
    }
  });

  it('describes a project as getProject reads it, and a missing one is denied in both', async () => {
    const described = await gcloud.run<V1Project>(['projects', 'describe', 'forecasting-prod']);
    assert.equal(described.code, 0, described.stderr);
    const [project] = await grpcClient.getProject({ name: 'projects/forecasting-prod' });
    assert.equal(described.json?.projectNumber, String(project.name).replace('projects/', ''));
    assert.equal(described.json?.name, project.displayName);
    assert.equal(described.json?.lifecycleState, 'ACTIVE');
    const missing = await gcloud.run(['projects', 'describe', 'no-such-project-1']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /permission/i);
    await assert.rejects(restClient.getProject({ name: 'projects/no-such-project-1' }), (e: { code?: number }) => e.code === 7 || e.code === 403);
  });
});
