import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { DEMO_MODEL_IDS } from '../../emulator/models/seed';
import { createEndpoint, deployProblems, endpointOfOperation, splitWithNewModel, startDeploy, undeployModel, waitForDeploy } from '../../../src/cloud/deploy';
import type { Endpoint } from '../../../src/cloud/endpoints-api';
import { getEndpoint } from '../../../src/cloud/endpoints-api';
import { VertexClients } from '../../../src/cloud/vertexClients';

const endpointWith = (models: Array<[string, number]>): Endpoint => ({
  name: 'projects/p/locations/us-central1/endpoints/1', id: '1', displayName: 'e', description: '', labels: {},
  deployedModels: models.map(([id, trafficPercent]) => ({ id, trafficPercent, displayName: id, model: 'm', modelVersionId: '1', resources: 'dedicated' })),
});

test('deploy settings go through the training machine rules, plus replicas and traffic', () => {
  assert.deepEqual(deployProblems({ machineType: 'n1-standard-4', minReplicas: 1, maxReplicas: 2, trafficPercent: 100 }, 'us-central1'), []);
  assert.deepEqual(deployProblems({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1, minReplicas: 1 }, 'us-central1'), []);
  const bad = deployProblems({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1, minReplicas: 0, maxReplicas: 0, trafficPercent: 120 }, 'us-central1');
  assert.ok(bad.some((m) => /Minimum replicas/.test(m)));
  assert.ok(bad.some((m) => /Traffic/.test(m)));
  assert.ok(bad.some((m) => /A100|a2-/i.test(m)), bad.join(' | '));
  assert.ok(deployProblems({ machineType: 'n9-imaginary-4', minReplicas: 1 }, 'us-central1').length > 0);
});

test('a new model takes its share; the others keep their proportions of the rest', () => {
  assert.deepEqual(splitWithNewModel(endpointWith([]), 30), { '0': 100 });
  assert.deepEqual(splitWithNewModel(endpointWith([['a', 75], ['b', 25], ['c', 0]]), 20), { '0': 20, a: 60, b: 20 });
  assert.equal(endpointOfOperation('projects/p/locations/l/endpoints/9/operations/77'), 'projects/p/locations/l/endpoints/9');
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`deploy and undeploy over ${transport}`, () => {
    let emu: Emulator;
    let clients: VertexClients;
    before(async () => {
      emu = await startEmulator({ seed: 'demo' });
      clients = new VertexClients({ project: 'demo-project', region: 'us-central1', transport, overrides: { aiplatform: emu.url } });
    });
    after(async () => {
      await clients.close();
      await emu.stop();
    });

    it('deploys to a new endpoint, is followed by operation name from a fresh client, then undeploys', async () => {
      const endpoint = await createEndpoint(clients, `lifecycle-${transport}`);
      assert.equal(endpoint.deployedModels.length, 0);
      const model = `projects/demo-project/locations/us-central1/models/${DEMO_MODEL_IDS.churn}@1`;
      const operation = await startDeploy(clients, endpoint, model, { machineType: 'n1-standard-4', minReplicas: 1, maxReplicas: 2 });
      assert.equal(endpointOfOperation(operation).split('/').pop(), endpoint.id);
      // As after a window reload: nothing but the operation's name is left.
      const fresh = new VertexClients({ ...clients.connection });
      try {
        const outcome = await waitForDeploy(fresh, operation);
        assert.ok(outcome.deployedModelId);
        const serving = await getEndpoint(clients, endpoint.name);
        assert.deepEqual(serving.deployedModels.map((d) => [d.id, d.trafficPercent, d.minReplicas, d.maxReplicas]), [[outcome.deployedModelId, 100, 1, 2]]);
        await undeployModel(fresh, serving, outcome.deployedModelId);
      } finally {
        await fresh.close();
      }
      assert.equal((await getEndpoint(clients, endpoint.name)).deployedModels.length, 0);
    });

    it('undeploying one of two models hands its traffic to the other', async () => {
      const endpoint = await createEndpoint(clients, `two-${transport}`);
      const model = `projects/demo-project/locations/us-central1/models/${DEMO_MODEL_IDS.churn}@1`;
      const first = await waitForDeploy(clients, await startDeploy(clients, endpoint, model, { machineType: 'n1-standard-4', minReplicas: 1 }));
      const second = await waitForDeploy(clients, await startDeploy(clients, await getEndpoint(clients, endpoint.name), model, { machineType: 'n1-standard-4', minReplicas: 1, trafficPercent: 40 }));
      const both = await getEndpoint(clients, endpoint.name);
      assert.deepEqual(Object.fromEntries(both.deployedModels.map((d) => [d.id, d.trafficPercent])), { [first.deployedModelId]: 60, [second.deployedModelId]: 40 });
      await undeployModel(clients, both, first.deployedModelId);
      assert.deepEqual((await getEndpoint(clients, endpoint.name)).deployedModels.map((d) => [d.id, d.trafficPercent]), [[second.deployedModelId, 100]]);
    });
  });
}
