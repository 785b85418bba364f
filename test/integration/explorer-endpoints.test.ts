import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { emulator, extensionApi, ScriptedInput } from './explorer/explorerHarness';

const VIEW = 'vertexAI.endpoints';

describe('Endpoints view (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const nodes = (parentId?: string) => api.getTreeNodes(VIEW, parentId);
  const byLabel = async (label: string) => {
    const found = (await nodes()).find((n) => n.label === label);
    assert.ok(found, `no "${label}" in ${VIEW}`);
    return found;
  };

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  afterEach(() => emulator.clearFaults());

  it('fills from the seed: endpoints newest first, then deployed models with traffic, machine and replicas', async () => {
    const endpoints = await nodes();
    assert.deepEqual(endpoints.map((e) => e.label), ['embedder-staging', 'churn-prod', 'flowers-prod']);
    assert.deepEqual(endpoints.map((e) => e.description), ['no models deployed · 6 h ago', '1 model · 3 d ago', '2 models · 8 d ago']);
    assert.deepEqual(endpoints.map((e) => e.contextValue), ['vertexAI.endpoint.empty', 'vertexAI.endpoint.serving', 'vertexAI.endpoint.serving']);
    assert.equal(endpoints[0].collapsible, false);
    const deployed = await nodes(endpoints[2].id);
    assert.deepEqual(
      deployed.map((d) => [d.label, d.description]),
      [
        ['flowers-classifier v2', '80% · 1×T4 (n1-standard-8) · 1–2 replicas'],
        ['flowers-classifier v3', '20% · 1×L4 (g2-standard-8) · 1 replica'],
      ],
    );
    assert.deepEqual((await nodes(endpoints[1].id)).map((d) => d.description), ['100% · n1-standard-4 · 1–3 replicas']);
    assert.match(deployed[0].tooltip ?? '', /Deployed model ID: 5101000000000000002/);
  });

  it('an injected PERMISSION_DENIED shows as a node that says what to ask for', async () => {
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.EndpointService.ListEndpoints', code: 'PERMISSION_DENIED', message: "Permission 'aiplatform.endpoints.list' denied on resource" });
    await vscode.commands.executeCommand('vertexAI.refreshItem');
    const problem = await nodes();
    assert.equal(problem[0].contextValue, 'vertexAI.message.problem.permission-denied');
    assert.match(problem[0].label, /aiplatform\.endpoints\.list/);
    await emulator.clearFaults();
    await vscode.commands.executeCommand('vertexAI.refreshItem');
    assert.equal((await nodes()).length, 3);
  });

  it('an endpoint that still serves models is not deleted, and says so', async () => {
    const flowers = await byLabel('flowers-prod');
    api.setUserInput(new ScriptedInput().expectConfirm(true));
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteEndpoint', flowers.id), 'blocked');
    assert.equal((await byLabel('flowers-prod')).description, flowers.description);
    assert.equal((await emulator.get(flowers.id)).status, 200);
  });

  it('deletes an empty endpoint after confirmation', async () => {
    const staging = await byLabel('embedder-staging');
    const ui = new ScriptedInput().expectConfirm(true);
    api.setUserInput(ui);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteEndpoint', staging.id), 'deleted');
    ui.assertDone();
    assert.deepEqual((await nodes()).map((e) => e.label), ['churn-prod', 'flowers-prod']);
    assert.equal((await emulator.get(staging.id)).status, 404);
  });
});
