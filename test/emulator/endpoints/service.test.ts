import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../core/json';
import { call, finish, isStatus, newEmulator } from '../models/call-helpers';
import { registerModelService } from '../models/service';
import { predictionFor } from './prediction';
import { registerEndpointService, registerPredictionService } from './service';

const emu = newEmulator(registerModelService, registerEndpointService, registerPredictionService);
after(() => emu.stop());
const parent = 'projects/p1/locations/us-central1';

describe('EndpointService and PredictionService', () => {
  let model = '';
  let endpoint = '';
  let first = '';
  let second = '';

  before(async () => {
    const res = await finish(emu, await call(emu, 'ModelService.UploadModel', { parent, model: { displayName: 'm', containerSpec: { imageUri: 'gcr.io/p1/s:1' } } }));
    model = String(res.model);
  });

  it('creates an endpoint as an operation named under it', async () => {
    const op = await call(emu, 'EndpointService.CreateEndpoint', { parent, endpoint: { displayName: 'ep', labels: { env: 'test' } } });
    assert.match(String(op.name), /^projects\/\d+\/locations\/us-central1\/endpoints\/\d+\/operations\/\d+$/);
    const created = await finish(emu, op);
    assert.equal(created['@type'], 'type.googleapis.com/google.cloud.aiplatform.v1.Endpoint');
    endpoint = String(created.name);
    assert.ok(String(op.name).startsWith(`${endpoint}/operations/`));
    const got = await call(emu, 'EndpointService.GetEndpoint', { name: endpoint });
    assert.equal(got.displayName, 'ep');
    assert.equal(got.deployedModels, undefined);
    await assert.rejects(call(emu, 'EndpointService.CreateEndpoint', { parent, endpoint: {} }), isStatus('INVALID_ARGUMENT', /endpoint\.display_name/));
  });

  it('refuses to predict before any model is deployed', async () => {
    await assert.rejects(call(emu, 'PredictionService.Predict', { endpoint, instances: [[1]] }), isStatus('FAILED_PRECONDITION'));
    await assert.rejects(call(emu, 'PredictionService.Predict', { endpoint: `${parent}/endpoints/404`, instances: [[1]] }), isStatus('NOT_FOUND', /^Endpoint `projects\/p1\/locations\/us-central1\/endpoints\/404` not found\.$/));
  });

  it('checks machine and accelerator with the hardware rules', async () => {
    const bad = { model, dedicatedResources: { machineSpec: { machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, minReplicaCount: 1 } };
    await assert.rejects(call(emu, 'EndpointService.DeployModel', { endpoint, deployedModel: bad }), isStatus('INVALID_ARGUMENT', /^Accelerator "NVIDIA_L4" is not supported for machine type "n1-standard-4"\.$/));
    const replicas = { model, dedicatedResources: { machineSpec: {}, minReplicaCount: 3, maxReplicaCount: 2 } };
    await assert.rejects(call(emu, 'EndpointService.DeployModel', { endpoint, deployedModel: replicas }), isStatus('INVALID_ARGUMENT', /max_replica_count/));
    await assert.rejects(call(emu, 'EndpointService.DeployModel', { endpoint, deployedModel: { model, automaticResources: {} } }), isStatus('INVALID_ARGUMENT', /AUTOMATIC_RESOURCES/));
  });

  it('deploys a model: all traffic, default machine type, refs on the model', async () => {
    const op = await call(emu, 'EndpointService.DeployModel', { endpoint, deployedModel: { model, dedicatedResources: { machineSpec: {}, minReplicaCount: 1 } } });
    assert.equal((op.metadata as JsonObject)['@type'], 'type.googleapis.com/google.cloud.aiplatform.v1.DeployModelOperationMetadata');
    await assert.rejects(call(emu, 'ModelService.DeleteModel', { name: model }), isStatus('FAILED_PRECONDITION', /is deployed or being deployed/));
    const res = await finish(emu, op);
    const deployed = res.deployedModel as JsonObject;
    first = String(deployed.id);
    assert.equal(deployed.model, model);
    assert.equal(deployed.modelVersionId, '1');
    assert.equal(deployed.displayName, 'm');
    assert.deepEqual(deployed.dedicatedResources, { machineSpec: { machineType: 'n1-standard-2' }, minReplicaCount: 1, maxReplicaCount: 1 });
    const ep = await call(emu, 'EndpointService.GetEndpoint', { name: endpoint });
    assert.deepEqual(ep.trafficSplit, { [first]: 100 });
    assert.deepEqual((await call(emu, 'ModelService.GetModel', { name: model })).deployedModels, [{ endpoint, deployedModelId: first }]);
  });

  it('predicts deterministically with the deployed model', async () => {
    const instances = [{ x: 1 }, { x: 2 }];
    const res = await call(emu, 'PredictionService.Predict', { endpoint, instances });
    assert.deepEqual(res, {
      predictions: instances.map((i) => predictionFor(first, i)),
      deployedModelId: first,
      model,
      modelVersionId: '1',
      modelDisplayName: 'm',
    });
    await assert.rejects(call(emu, 'PredictionService.Predict', { endpoint, instances: [] }), isStatus('INVALID_ARGUMENT'));
    await assert.rejects(call(emu, 'PredictionService.Predict', { endpoint, instances: [[1], 'a'] }), isStatus('INVALID_ARGUMENT'));
  });

  it('deploys a second model with "0" standing for it in the split', async () => {
    const res = await finish(emu, await call(emu, 'EndpointService.DeployModel', {
      endpoint,
      deployedModel: { model, displayName: 'second', dedicatedResources: { machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, minReplicaCount: 1 } },
      trafficSplit: { '0': 30, [first]: 70 },
    }));
    second = String((res.deployedModel as JsonObject).id);
    const ep = await call(emu, 'EndpointService.GetEndpoint', { name: endpoint });
    assert.deepEqual(ep.trafficSplit, { [first]: 70, [second]: 30 });
    const served = new Set<unknown>();
    for (let i = 0; i < 40; i++) served.add((await call(emu, 'PredictionService.Predict', { endpoint, instances: [[i]] })).deployedModelId);
    assert.deepEqual([...served].sort(), [first, second].sort());
  });

  it('updates the traffic split only to deployed models summing to 100', async () => {
    await assert.rejects(call(emu, 'EndpointService.UpdateEndpoint', { endpoint: { name: endpoint, trafficSplit: { [first]: 50 } }, updateMask: 'trafficSplit' }), isStatus('INVALID_ARGUMENT', /must be 100/));
    await assert.rejects(call(emu, 'EndpointService.UpdateEndpoint', { endpoint: { name: endpoint, trafficSplit: { nope: 100 } }, updateMask: 'trafficSplit' }), isStatus('INVALID_ARGUMENT'));
    const ep = await call(emu, 'EndpointService.UpdateEndpoint', { endpoint: { name: endpoint, trafficSplit: { [second]: 100 }, displayName: 'ep2' }, updateMask: 'trafficSplit,displayName' });
    assert.deepEqual(ep.trafficSplit, { [second]: 100 });
    assert.equal(ep.displayName, 'ep2');
  });

  it('refuses to delete an endpoint with deployed models, and to undeploy a model with traffic', async () => {
    await assert.rejects(call(emu, 'EndpointService.DeleteEndpoint', { name: endpoint }), isStatus('FAILED_PRECONDITION', /has deployed models/));
    await assert.rejects(call(emu, 'EndpointService.UndeployModel', { endpoint, deployedModelId: second }), isStatus('FAILED_PRECONDITION'));
    await assert.rejects(call(emu, 'EndpointService.UndeployModel', { endpoint, deployedModelId: '404' }), isStatus('NOT_FOUND'));
  });

  it('undeploys both models, then deletes the endpoint and the model', async () => {
    await finish(emu, await call(emu, 'EndpointService.UndeployModel', { endpoint, deployedModelId: first }));
    await finish(emu, await call(emu, 'EndpointService.UndeployModel', { endpoint, deployedModelId: second }));
    const ep = await call(emu, 'EndpointService.GetEndpoint', { name: endpoint });
    assert.equal(ep.deployedModels, undefined);
    assert.equal(ep.trafficSplit, undefined);
    assert.equal((await call(emu, 'ModelService.GetModel', { name: model })).deployedModels, undefined);
    await finish(emu, await call(emu, 'EndpointService.DeleteEndpoint', { name: endpoint }));
    await assert.rejects(call(emu, 'EndpointService.GetEndpoint', { name: endpoint }), isStatus('NOT_FOUND'));
    await finish(emu, await call(emu, 'ModelService.DeleteModel', { name: model }));
  });
});

describe('a cancelled deployment', () => {
  it('leaves neither a deployed model nor a reference on the model', async () => {
    const res = await finish(emu, await call(emu, 'ModelService.UploadModel', { parent, model: { displayName: 'c', containerSpec: { imageUri: 'gcr.io/p1/s:1' } } }));
    const ep = await finish(emu, await call(emu, 'EndpointService.CreateEndpoint', { parent, endpoint: { displayName: 'c' } }));
    const op = await call(emu, 'EndpointService.DeployModel', { endpoint: String(ep.name), deployedModel: { model: String(res.model), dedicatedResources: { machineSpec: {}, minReplicaCount: 1 } } });
    assert.equal((await call(emu, 'ModelService.GetModel', { name: String(res.model) })).deployedModels !== undefined, true);
    emu.operations.cancel(String(op.name));
    await assert.rejects(finish(emu, op), isStatus('CANCELLED'));
    await new Promise((resolve) => setTimeout(resolve, emu.timings.operationMs * 3));
    assert.equal((await call(emu, 'ModelService.GetModel', { name: String(res.model) })).deployedModels, undefined);
    assert.equal((await call(emu, 'EndpointService.GetEndpoint', { name: String(ep.name) })).deployedModels, undefined);
  });
});
