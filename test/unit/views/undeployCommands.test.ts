import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeployedModel } from '../../../src/cloud/endpoints-api';
import { undeployCommands } from '../../../src/views/endpoints/undeployCommands';

const deployed = (id: string, trafficPercent: number): DeployedModel => ({ id, displayName: 'm', model: 'projects/p/locations/l/models/1', modelVersionId: '1', trafficPercent, resources: 'dedicated' });
const prefix = 'gcloud ai endpoints undeploy-model 42 --project=my-project --region=europe-west4';

test('one deployed model: one plain undeploy', () => {
  assert.deepEqual(undeployCommands({ id: '42', deployedModels: [deployed('7', 100)] }, 'my-project', 'europe-west4'), [`${prefix} --deployed-model-id=7`]);
});

test('several: each but the busiest hands its traffic to the busiest, which goes last', () => {
  assert.deepEqual(undeployCommands({ id: '42', deployedModels: [deployed('1', 80), deployed('2', 20), deployed('3', 0)] }, 'my-project', 'europe-west4'), [
    `${prefix} --deployed-model-id=3 --traffic-split=1=100`,
    `${prefix} --deployed-model-id=2 --traffic-split=1=100`,
    `${prefix} --deployed-model-id=1`,
  ]);
});

test('an empty endpoint needs none', () => {
  assert.deepEqual(undeployCommands({ id: '42', deployedModels: [] }, 'p', 'r'), []);
});
