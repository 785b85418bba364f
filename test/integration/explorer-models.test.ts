import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { NodeSnapshot } from '../../src/views/tree/resourceTreeProvider';
import { emulator, emulatorUrl, extensionApi, ScriptedInput, waitFor } from './explorer/explorerHarness';

const VIEW = 'vertexAI.models';

describe('Models view (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const nodes = (parentId?: string) => api.getTreeNodes(VIEW, parentId);
  const byLabel = async (label: string, parentId?: string) => {
    const found = (await nodes(parentId)).find((n) => n.label === label);
    assert.ok(found, `no "${label}" in ${parentId ?? VIEW}`);
    return found;
  };

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await vscode.commands.executeCommand(`${VIEW}.clearFilter`);
  });

  it('fills from the seed: models newest first, with serving container or framework and age', async () => {
    const models = await nodes();
    assert.deepEqual(models.map((m) => m.label), ['text-embedder', 'churn-xgboost', 'flowers-classifier']);
    const [embedder, churn, flowers] = models;
    assert.match(flowers.description ?? '', /^v2 · TensorFlow 2\.15 \(CPU\) · 20 d ago$/);
    assert.match(churn.description ?? '', /^v1 · XGBoost 2\.1 \(CPU\) · 4 d ago$/);
    assert.match(embedder.description ?? '', /^v1 · text-embedder:1\.2\.0 · 2 d ago$/);
    assert.equal(flowers.contextValue, 'vertexAI.model.deployed');
    assert.equal(embedder.contextValue, 'vertexAI.model');
    assert.match(flowers.tooltip ?? '', /projects\/\d+\/locations\/us-central1\/models\/4201000000000000001/);
    assert.ok(flowers.collapsible);
  });

  it('shows each version with the default marked and where it is deployed', async () => {
    const flowers = await byLabel('flowers-classifier');
    const versions = await nodes(flowers.id);
    assert.deepEqual(versions.map((v) => v.label), ['Version 1', 'Version 2 (default)', 'Version 3']);
    const [v1, v2, v3] = versions;
    assert.equal(v1.description, 'TensorFlow 2.15 (CPU) · 20 d ago');
    assert.equal(v2.description, 'prod · TensorFlow 2.15 (CPU) · 9 d ago · on flowers-prod');
    assert.equal(v3.description, 'canary · TensorFlow 2.15 (CPU) · 30 h ago · on flowers-prod');
    assert.equal(v2.icon, 'star-full');
    assert.equal(v1.icon, 'versions');
    assert.deepEqual(versions.map((v) => v.contextValue), ['vertexAI.modelVersion.undeployed', 'vertexAI.modelVersion.default.deployed', 'vertexAI.modelVersion.deployed']);
    const tooltip = (v3.tooltip ?? '').replace(/\\(.)/g, '$1');
    assert.match(tooltip, /EfficientNet-B2 trained on TPU v5e/);
    assert.match(tooltip, /Deployed on: flowers-prod/);
  });

  it('filters by display name from the title bar', async () => {
    await vscode.commands.executeCommand(`${VIEW}.filter`, { text: 'churn' });
    assert.deepEqual((await nodes()).map((m) => m.label), ['churn-xgboost']);
  });

  it('an injected PERMISSION_DENIED shows as a node that says what to ask for', async () => {
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.ModelService.ListModels', code: 'PERMISSION_DENIED', message: "Permission 'aiplatform.models.list' denied on resource" });
    await vscode.commands.executeCommand('vertexAI.refreshItem');
    const problem = await nodes();
    assert.deepEqual(problem.map((n) => n.contextValue), ['vertexAI.message.problem.permission-denied', 'vertexAI.message.openIam', 'vertexAI.message.retry']);
    assert.match(problem[0].label, /Permission denied: Permission 'aiplatform\.models\.list' denied .*Vertex AI Viewer.* demo-project/);
    await emulator.clearFaults();
    await vscode.commands.executeCommand('vertexAI.refreshItem');
    assert.equal((await nodes()).length, 3);
  });

  it('refuses to delete a deployed model and leaves it in the tree', async () => {
    const churn = await byLabel('churn-xgboost');
    const ui = new ScriptedInput().expectConfirm(true);
    api.setUserInput(ui);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteModel', churn.id), 'blocked');
    ui.assertDone();
    const after = (await nodes()).find((n) => n.id === churn.id) as NodeSnapshot;
    assert.equal(after.description, churn.description);
  });

  it('deletes a version, then a model, after confirmation', async () => {
    const flowers = await byLabel('flowers-classifier');
    const v1 = await byLabel('Version 1', flowers.id);
    const ui = new ScriptedInput().expectConfirm(false).expectConfirm(true).expectConfirm(true);
    api.setUserInput(ui);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteModelVersion', v1.id), 'cancelled');
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteModelVersion', v1.id), 'deleted');
    assert.deepEqual((await nodes(flowers.id)).map((v) => v.label), ['Version 2 (default)', 'Version 3']);
    assert.equal((await emulator.get(v1.id)).status, 404);

    const embedder = await byLabel('text-embedder');
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteModel', embedder.id), 'deleted');
    ui.assertDone();
    assert.deepEqual((await nodes()).map((m) => m.label), ['churn-xgboost', 'flowers-classifier']);
    assert.equal((await emulator.get(embedder.id)).status, 404);
  });
});

describe('Models view paging (emulator)', function () {
  this.timeout(60_000);
  const PAGE = 50;

  it('shows 50 models, then the rest through "Load more…"', async () => {
    const api = await extensionApi();
    const location = 'projects/demo-project/locations/us-central1';
    await Promise.all(
      Array.from({ length: PAGE }, (_, i) =>
        fetch(`${emulatorUrl()}/v1/${location}/models:upload`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: { displayName: `paged-${i}`, containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest' } } }),
        }).then((r) => assert.equal(r.status, 200)),
      ),
    );
    const all = await waitFor('the uploaded models', async () => {
      await vscode.commands.executeCommand('vertexAI.refreshItem');
      const roots = await api.getTreeNodes(VIEW);
      return roots.length === PAGE + 1 ? roots : undefined;
    });
    const more = all[PAGE];
    assert.equal(more.contextValue, 'vertexAI.loadMore');
    assert.equal(more.description, '50 shown');
    await vscode.commands.executeCommand('vertexAI.loadMore', more.id.replace(/\/~loadMore$/, ''));
    const next = await api.getTreeNodes(VIEW);
    assert.ok(next.length > PAGE && next.every((n) => n.contextValue !== 'vertexAI.loadMore'), next.map((n) => n.label).join(', '));
    assert.deepEqual(next.slice(0, PAGE).map((n) => n.id), all.slice(0, PAGE).map((n) => n.id), 'the first page stays in place');
    assert.ok(next.some((n) => n.label === 'flowers-classifier'));
  });
});
