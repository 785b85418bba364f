import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Dataset } from '../../src/cloud/datasets';
import type { ExtensionApi } from '../../src/extension';
import { emulatorUrl, extensionApi, ScriptedInput } from './explorer/explorerHarness';

const VIEW = 'vertexAI.datasets';
const BUCKET = 'demo-project-vertex-staging';

async function upload(name: string, body: string): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  assert.ok(res.ok, `upload ${name}: ${res.status}`);
}

describe('Create Dataset and Import Data (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  it('creates an image dataset from an import file, imports more, shows the count, then deletes it', async () => {
    await upload('datasets-it/first.csv', 'gs://b/1.jpg,daisy\ngs://b/2.jpg,rose\n');
    await upload('datasets-it/more.csv', 'gs://b/3.jpg,tulip\ngs://b/4.jpg,rose\ngs://b/5.jpg,daisy\n');
    const created = (await vscode.commands.executeCommand('vertexAI.createDataset', {
      displayName: 'flowers-it',
      type: 'image',
      source: `gs://${BUCKET}/datasets-it/first.csv`,
      importFormat: 'image_classification_single_label',
    })) as Dataset | undefined;
    assert.ok(created, 'vertexAI.createDataset returned nothing');
    assert.equal(created.itemCount, 2);
    const listed = (await api.getTreeNodes(VIEW)).find((n) => n.id === created.name);
    assert.match(listed?.description ?? '', /^image · 2 items/);

    const ui = new ScriptedInput().expectPick('image_classification_single_label');
    api.setUserInput(ui);
    const imported = (await vscode.commands.executeCommand('vertexAI.importData', { name: created.name }, { source: [`gs://${BUCKET}/datasets-it/more.csv`] })) as Dataset | undefined;
    ui.assertDone();
    assert.equal(imported?.itemCount, 5);
    const after = (await api.getTreeNodes(VIEW)).find((n) => n.id === created.name);
    assert.match(after?.description ?? '', /^image · 5 items/);

    api.setUserInput(new ScriptedInput().expectConfirm(true));
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteDataset', { name: created.name }), 'deleted');
  });

  it('a tabular dataset takes a BigQuery table; importing into it is refused with the reason', async () => {
    const tabular = (await vscode.commands.executeCommand('vertexAI.createDataset', { displayName: 'sales-it', type: 'tabular', source: 'bq://demo-project.sales.rows' })) as Dataset | undefined;
    assert.equal(tabular?.dataType, 'tabular');
    const refused = await vscode.commands.executeCommand('vertexAI.importData', tabular?.name, { source: `gs://${BUCKET}/x.csv` });
    assert.equal(refused, undefined);
    api.setUserInput(new ScriptedInput().expectConfirm(true));
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteDataset', tabular?.name), 'deleted');
  });
});
