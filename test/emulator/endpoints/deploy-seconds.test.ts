import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, finish, newEmulator } from '../models/call-helpers';
import { registerModelService } from '../models/service';
import { DEPLOY_SECONDS_LABEL } from './deploy';
import { registerEndpointService } from './service';

const emu = newEmulator(registerModelService, registerEndpointService);
after(() => emu.stop());
const parent = 'projects/p1/locations/us-central1';

describe('the emulator-deploy-seconds endpoint label', () => {
  it('makes deployments to that endpoint take that long; others keep the fast timing', async () => {
    const model = String((await finish(emu, await call(emu, 'ModelService.UploadModel', { parent, model: { displayName: 'm', containerSpec: { imageUri: 'gcr.io/p1/s:1' } } }))).model);
    const endpoint = async (labels: Record<string, string>) => String((await finish(emu, await call(emu, 'EndpointService.CreateEndpoint', { parent, endpoint: { displayName: 'ep', labels } }))).name);
    const deploy = (name: string) => call(emu, 'EndpointService.DeployModel', { endpoint: name, deployedModel: { model, dedicatedResources: { machineSpec: {}, minReplicaCount: 1 } } });
    const slow = await deploy(await endpoint({ [DEPLOY_SECONDS_LABEL]: '1' }));
    const fast = await deploy(await endpoint({}));
    await finish(emu, fast);
    assert.notEqual(emu.operations.get(String(slow.name)).done, true, 'the labelled deployment finished with the fast one');
    const started = Date.now();
    await finish(emu, slow);
    assert.ok(Date.now() - started > 500, 'the labelled deployment did not take its second');
  });
});
