import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { emulator, extensionApi, ScriptedInput } from './explorer/explorerHarness';

const VIEW = 'vertexAI.datasets';

describe('Datasets view (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const nodes = () => api.getTreeNodes(VIEW);

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  afterEach(() => emulator.clearFaults());

  it('fills from the seed: type, item count and age, newest first', async () => {
    const datasets = await nodes();
    assert.deepEqual(
      datasets.map((d) => [d.label, d.description, d.icon, d.contextValue]),
      [
        ['customer-churn', 'tabular · 6 d ago', 'table', 'vertexAI.dataset.tabular'],
        ['flowers-images', 'image · 3,670 items · 30 d ago', 'file-media', 'vertexAI.dataset.image'],
      ],
    );
    assert.match(datasets[1].tooltip ?? '', /projects\/\d+\/locations\/us-central1\/datasets\/6601000000000000001/);
  });

  it('an injected PERMISSION_DENIED shows as a node that says what to ask for', async () => {
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.DatasetService.ListDatasets', code: 'PERMISSION_DENIED', message: "Permission 'aiplatform.datasets.list' denied on resource" });
    await vscode.commands.executeCommand('vertexAI.refreshItem');
    const problem = await nodes();
    assert.equal(problem[0].contextValue, 'vertexAI.message.problem.permission-denied');
    assert.match(problem[0].label, /aiplatform\.datasets\.list/);
    await emulator.clearFaults();
    await vscode.commands.executeCommand('vertexAI.refreshItem');
    assert.equal((await nodes()).length, 2);
  });

  it('deletes a dataset after confirmation, by resource name', async () => {
    const [churn] = await nodes();
    const ui = new ScriptedInput().expectConfirm(true);
    api.setUserInput(ui);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteDataset', { name: churn.id }), 'deleted');
    ui.assertDone();
    assert.deepEqual((await nodes()).map((d) => d.label), ['flowers-images']);
    assert.equal((await emulator.get(churn.id)).status, 404);
  });
});
