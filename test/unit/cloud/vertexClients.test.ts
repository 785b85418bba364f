import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { VertexClients, aiplatformClientOptions } from '../../../src/cloud/vertexClients';
import type { Connection } from '../../../src/cloud/connection';
import { locationName } from '../../../src/cloud/connection';
import { loadAiplatform } from '../../../src/cloud/googleLibs';
import { toApiError } from '../../../src/cloud/apiErrors';

test('a real endpoint without checked credentials is refused before any client exists', () => {
  const conn: Connection = { project: 'p', region: 'us-central1', transport: 'grpc', overrides: {} };
  assert.throws(() => aiplatformClientOptions(conn, loadAiplatform()), /without checked credentials/);
});

test('a Private Service Connect override keeps TLS and sends credentials', () => {
  const authClient = { fake: true } as unknown as Connection['authClient'];
  const conn: Connection = { project: 'p', region: 'us-central1', transport: 'rest', overrides: { aiplatform: 'https://vertex.psc.example:8443' }, authClient };
  const options = aiplatformClientOptions(conn, loadAiplatform());
  assert.equal(options.apiEndpoint, 'vertex.psc.example');
  assert.equal(options.port, 8443);
  assert.equal(options.protocol, 'https');
  assert.equal(options.authClient, authClient);
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`Vertex AI clients over ${transport} against the emulator`, () => {
    let emu: Emulator;
    let clients: VertexClients;
    before(async () => {
      emu = await startEmulator();
      clients = new VertexClients({ project: 'unit-project', region: 'us-central1', transport, overrides: { aiplatform: emu.url } });
    });
    after(async () => {
      await clients.close();
      await emu.stop();
    });

    test('creates, lists and gets a custom job', async () => {
      const parent = locationName(clients.connection);
      const [created] = await clients.jobs().createCustomJob({
        parent,
        customJob: {
          displayName: `unit-${transport}`,
          jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: 1, containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/trainer:1' } }] },
        },
      });
      assert.match(created.name ?? "", /^projects\/[^/]+\/locations\/us-central1\/customJobs\/\d+$/);
      const [jobs] = await clients.jobs().listCustomJobs({ parent, pageSize: 10 }, { autoPaginate: false });
      assert.ok(jobs.some((j) => j.name === created.name));
      const [got] = await clients.jobs().getCustomJob({ name: created.name });
      assert.equal(got.displayName, `unit-${transport}`);
    });

    test('a missing job is NOT_FOUND with the API status code', async () => {
      await assert.rejects(clients.jobs().getCustomJob({ name: `${locationName(clients.connection)}/customJobs/1` }), (err: unknown) => {
        assert.deepEqual(toApiError(err), { status: 'NOT_FOUND', code: 5, message: 'The CustomJob does not exist.', details: [] });
        return true;
      });
    });
  });
}
