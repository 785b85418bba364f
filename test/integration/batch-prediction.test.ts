import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BatchPredictionJob } from '../../src/cloud/batchPrediction';
import type { ExtensionApi } from '../../src/extension';
import type { LogStreamHandle } from '../../src/views/logs/logStreams';
import { DEMO_LOCATION, emulator, emulatorUrl, extensionApi, ScriptedInput, waitFor } from './explorer/explorerHarness';

const VIEW = 'vertexAI.trainingJobs';
const GROUP = `${VIEW}/batchPredictionJob`;
const BUCKET = 'demo-project-vertex-staging';
const CHURN_MODEL = `${DEMO_LOCATION}/models/4201000000000000002`;

async function upload(name: string, body: string): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'application/jsonl' }, body });
  assert.ok(res.ok, `upload ${name}: ${res.status}`);
}

describe('Batch prediction (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
  });

  afterEach(() => emulator.clearFaults());

  it('a job created from a model appears under Training Jobs, completes, and shows its logs', async () => {
    await upload('batch-it/instances.jsonl', '{"tenure": 3}\n{"tenure": 40}\n{"tenure": 12}\n');
    const job = (await vscode.commands.executeCommand('vertexAI.createBatchPrediction', CHURN_MODEL, {
      displayName: 'churn-batch-it',
      source: `gs://${BUCKET}/batch-it/instances.jsonl`,
      outputPrefix: `gs://${BUCKET}/batch-it/out`,
    })) as BatchPredictionJob | undefined;
    assert.ok(job, 'vertexAI.createBatchPrediction returned nothing');
    assert.equal(job.displayName, 'churn-batch-it');

    const groups = await api.getTreeNodes(VIEW);
    assert.ok(groups.some((g) => g.id === GROUP && g.label === 'Batch Predictions'), groups.map((g) => g.label).join(', '));
    const done = await waitFor('the batch job to succeed in the tree', async () => {
      await vscode.commands.executeCommand('vertexAI.refreshItem', GROUP);
      const node = (await api.getTreeNodes(VIEW, GROUP)).find((n) => n.id === job.name);
      return node?.contextValue === 'vertexAI.batchJob.succeeded' ? node : undefined;
    }, 30_000);
    assert.match(done.description ?? '', /^Succeeded · .* · 3 predictions$/);

    const handle = (await vscode.commands.executeCommand('vertexAI.showLogs', job.name)) as LogStreamHandle | undefined;
    assert.ok(handle, 'vertexAI.showLogs returned no stream for the batch job');
    let text = '';
    const sub = handle.onDidAppend((e) => (text += e.text));
    await waitFor('the batch job\'s log lines', async () => (/Wrote 3 predictions to gs:\/\//.test(text) ? true : undefined), 20_000);
    sub.dispose();
    assert.match(text, /Batch prediction job churn-batch-it started; reading 3 instances\./);
  });

  it('a running job is cancelled, then deleted, from its node in the tree', async () => {
    await upload('batch-it/cancel.jsonl', '{"tenure": 5}\n');
    api.setUserInput(new ScriptedInput());
    const job = (await vscode.commands.executeCommand('vertexAI.createBatchPrediction', CHURN_MODEL, {
      displayName: 'churn-batch-cancel',
      source: `gs://${BUCKET}/batch-it/cancel.jsonl`,
      outputPrefix: `gs://${BUCKET}/batch-it/cancel-out`,
      labels: { 'emulator-run-seconds': '120' },
    })) as BatchPredictionJob | undefined;
    assert.ok(job, 'vertexAI.createBatchPrediction returned nothing');
    const nodeIn = (context: RegExp, what: string) =>
      waitFor(what, async () => {
        await vscode.commands.executeCommand('vertexAI.refreshItem', GROUP);
        const node = (await api.getTreeNodes(VIEW, GROUP)).find((n) => n.id === job.name);
        return node && context.test(node.contextValue ?? '') ? node : undefined;
      }, 30_000);
    await nodeIn(/^vertexAI\.batchJob\.(pending|running)$/, 'the batch job to show as active');

    const early = new ScriptedInput().expectConfirm(true);
    api.setUserInput(early);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteBatchPrediction', job.name), 'blocked', 'a running job was not refused');
    assert.equal((await emulator.get(job.name)).status, 200);

    const cancel = new ScriptedInput().expectConfirm(true);
    api.setUserInput(cancel);
    assert.equal(await vscode.commands.executeCommand('vertexAI.cancelBatchPrediction', job.name), true);
    cancel.assertDone();
    assert.match(cancel.asked[0], /Cancel the batch prediction job "churn-batch-cancel"/);
    await nodeIn(/^vertexAI\.batchJob\.cancelled$/, 'the node to show the job cancelled');

    const declined = new ScriptedInput().expectConfirm(false);
    api.setUserInput(declined);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteBatchPrediction', job.name), 'cancelled');
    assert.equal((await emulator.get(job.name)).status, 200, 'declining the confirmation deleted the job');

    // A slow delete, so the node's progress can be seen.
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.JobService.DeleteBatchPredictionJob', latencyMs: 1500, count: 1 });
    const remove = new ScriptedInput().expectConfirm(true);
    api.setUserInput(remove);
    const deleting = vscode.commands.executeCommand('vertexAI.deleteBatchPrediction', job.name);
    const inProgress = await waitFor('"Deleting…" on the node', async () => (await api.getTreeNodes(VIEW, GROUP)).find((n) => n.id === job.name && n.description === 'Deleting…'));
    assert.equal(inProgress.icon, 'loading~spin');
    assert.equal(await deleting, 'deleted');
    remove.assertDone();
    assert.equal((await emulator.get(job.name)).status, 404);
    assert.ok(!(await api.getTreeNodes(VIEW, GROUP)).some((n) => n.id === job.name), 'the deleted job is still in the tree');
  });

  it('bad input is refused before a job is created', async () => {
    const before = (await api.getTreeNodes(VIEW, GROUP)).length;
    const job = await vscode.commands.executeCommand('vertexAI.createBatchPrediction', CHURN_MODEL, {
      displayName: 'bad',
      source: [`gs://${BUCKET}/a.jsonl`, `gs://${BUCKET}/b.csv`],
      outputPrefix: `gs://${BUCKET}/out`,
    });
    assert.equal(job, undefined);
    await vscode.commands.executeCommand('vertexAI.refreshItem', GROUP);
    assert.equal((await api.getTreeNodes(VIEW, GROUP)).length, before);
  });
});
