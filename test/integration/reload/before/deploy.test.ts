import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_LOCATION, ScriptedInput, waitFor } from '../../explorer/explorerHarness';
import { DEPLOY_SECONDS, ENDPOINT_DISPLAY_NAME, endpointNode, openEndpointsView, rest, SUITE_TITLE } from '../deployAcrossReload';

describe(SUITE_TITLE, function () {
  this.timeout(60_000);

  it('before the reload: a slow deployment starts and its endpoint node shows it', async () => {
    const api = await openEndpointsView();
    // The emulator takes this label's number of seconds over every deployment to the endpoint.
    const operation = String((await rest('POST', `${DEMO_LOCATION}/endpoints`, { displayName: ENDPOINT_DISPLAY_NAME, labels: { 'emulator-deploy-seconds': String(DEPLOY_SECONDS) } })).name);
    const created = await waitFor('the endpoint to be created', async () => {
      const op = await rest('GET', operation);
      return op.done === true ? op : undefined;
    });
    const endpoint = String((created.response as { name?: string } | undefined)?.name ?? '');
    assert.ok(endpoint, JSON.stringify(created));
    const models = (await rest('GET', `${DEMO_LOCATION}/models`)).models as Array<{ name: string; displayName: string }>;
    const churn = models.find((m) => m.displayName === 'churn-xgboost');
    assert.ok(churn, 'the demo seed has no churn-xgboost model');

    api.setUserInput(new ScriptedInput());
    // Not awaited: the window reloads long before the deployment ends, and this host with it.
    vscode.commands.executeCommand('vertexAI.deployModel', churn.name, { endpoint, machineType: 'n1-standard-4', minReplicas: 1 }).then(undefined, () => undefined);
    const node = await endpointNode(api, 'the endpoint node to show the deployment', (n) => /Deploying/.test(n.description ?? ''));
    assert.match(node.contextValue ?? '', /\.deploying$/);
    assert.deepEqual((await rest('GET', endpoint)).deployedModels ?? [], [], 'the deployment finished before the reload');
  });
});
