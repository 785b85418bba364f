import * as assert from 'node:assert/strict';
import { DEMO_LOCATION } from '../../explorer/explorerHarness';
import { DEPLOY_SECONDS, ENDPOINT_DISPLAY_NAME, ENDPOINTS, endpointNode, openEndpointsView, rest, SUITE_TITLE } from '../deployAcrossReload';

describe(SUITE_TITLE, function () {
  this.timeout((DEPLOY_SECONDS + 60) * 1000);

  it('after the reload: the endpoint node still shows the deployment, then the deployed model once it ends', async () => {
    const api = await openEndpointsView();
    const deploying = await endpointNode(api, 'the endpoint node to show the deployment again', (n) => /Deploying/.test(n.description ?? ''), 30_000);
    assert.match(deploying.contextValue ?? '', /\.deploying$/);
    // Only the extension's saved state can say so: the API shows no deployed model until the operation ends.
    const endpoints = (await rest('GET', `${DEMO_LOCATION}/endpoints`)).endpoints as Array<{ displayName: string; deployedModels?: unknown[] }>;
    const endpoint = endpoints.find((e) => e.displayName === ENDPOINT_DISPLAY_NAME);
    assert.ok(endpoint, 'the endpoint made before the reload is gone');
    assert.deepEqual(endpoint.deployedModels ?? [], [], 'the deployment ended before the new window looked: raise DEPLOY_SECONDS');

    // Followed again by its operation name: when it ends the node shows the model, not "Deploying…".
    const done = await endpointNode(api, 'the endpoint node to show the deployed model', (n) => (n.description ?? '').startsWith('1 model'), (DEPLOY_SECONDS + 30) * 1000);
    assert.doesNotMatch(done.description ?? '', /Deploying/);
    assert.doesNotMatch(done.contextValue ?? '', /\.deploying$/);
    assert.deepEqual((await api.getTreeNodes(ENDPOINTS, done.id)).map((d) => d.description), ['100% · n1-standard-4 · 1 replica']);
  });
});
