import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_ENDPOINT_IDS } from '../../emulator/endpoints/seed';
import { DEMO_MODEL_IDS } from '../../emulator/models/seed';
import { useDemoEmulator } from './demoEmulator';
import { toApiError } from '../../../src/cloud/apiErrors';
import { deleteEndpoint, getEndpoint, listEndpoints } from '../../../src/cloud/endpoints-api';

for (const transport of ['grpc', 'rest'] as const) {
  describe(`endpoints over ${transport}`, () => {
    const endpointName = (id: string) => `projects/demo-project/locations/us-central1/endpoints/${id}`;
    const demo = useDemoEmulator(transport);

    test('lists endpoints newest first with their deployed models, traffic, machines and replicas', async () => {
      const page = await listEndpoints(demo.clients);
      assert.deepEqual(page.items.map((e) => e.displayName), ['embedder-staging', 'churn-prod', 'flowers-prod']);
      assert.equal(page.nextPageToken, undefined);
      const [staging, , flowers] = page.items;
      assert.equal(staging.id, DEMO_ENDPOINT_IDS.staging);
      assert.deepEqual(staging.deployedModels, []);
      assert.deepEqual(
        flowers.deployedModels.map((d) => ({
          id: d.id,
          model: d.model.split('/').pop(),
          version: d.modelVersionId,
          traffic: d.trafficPercent,
          resources: d.resources,
          machine: d.machineSpec?.machineType,
          accelerator: d.machineSpec?.acceleratorType,
          count: Number(d.machineSpec?.acceleratorCount),
          replicas: [d.minReplicas, d.maxReplicas],
        })),
        [
          { id: '5101000000000000002', model: DEMO_MODEL_IDS.flowers, version: '2', traffic: 80, resources: 'dedicated', machine: 'n1-standard-8', accelerator: 'NVIDIA_TESLA_T4', count: 1, replicas: [1, 2] },
          { id: '5101000000000000003', model: DEMO_MODEL_IDS.flowers, version: '3', traffic: 20, resources: 'dedicated', machine: 'g2-standard-8', accelerator: 'NVIDIA_L4', count: 1, replicas: [1, 1] },
        ],
      );
      assert.equal(flowers.deployedModels[0].displayName, 'flowers-classifier');
      assert.deepEqual(flowers.labels, { env: 'prod' });
      assert.ok(flowers.createTime instanceof Date);
    });

    test('pages with a token', async () => {
      const first = await listEndpoints(demo.clients, { pageSize: 2 });
      assert.deepEqual(first.items.map((e) => e.displayName), ['embedder-staging', 'churn-prod']);
      const second = await listEndpoints(demo.clients, { pageSize: 2, pageToken: first.nextPageToken });
      assert.deepEqual(second.items.map((e) => e.displayName), ['flowers-prod']);
      assert.equal(second.nextPageToken, undefined);
    });

    test('an endpoint with deployed models cannot be deleted: FAILED_PRECONDITION', async () => {
      await assert.rejects(deleteEndpoint(demo.clients, endpointName(DEMO_ENDPOINT_IDS.flowers)), (err: unknown) => {
        const api = toApiError(err);
        assert.equal(api?.status, 'FAILED_PRECONDITION');
        assert.match(api?.message ?? '', /Undeploy all models/);
        return true;
      });
      assert.equal((await getEndpoint(demo.clients, endpointName(DEMO_ENDPOINT_IDS.flowers))).deployedModels.length, 2);
    });

    test('deletes an empty endpoint and waits for the operation', async () => {
      await deleteEndpoint(demo.clients, endpointName(DEMO_ENDPOINT_IDS.staging));
      await assert.rejects(getEndpoint(demo.clients, endpointName(DEMO_ENDPOINT_IDS.staging)), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
    });
  });
}
