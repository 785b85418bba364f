import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { NodeSnapshot } from '../../../src/views/tree/resourceTreeProvider';
import { emulator, extensionApi, ScriptedInput, waitFor } from './explorerHarness';

const VIEW = 'vertexAI.trainingJobs';
const CUSTOM = `${VIEW}/customJob`;
const HP = `${VIEW}/hpTuningJob`;
const PIPELINE_RUNS = `${VIEW}/pipelineJob`;

describe('Training Jobs view (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const nodes = (parentId?: string) => api.getTreeNodes(VIEW, parentId);
  const find = async (parentId: string, name: string) => (await nodes(parentId)).find((n) => n.id === name);

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await vscode.commands.executeCommand(`${VIEW}.clearFilter`);
  });

  it('shows the five groups and fills them from the seed', async () => {
    assert.deepEqual(
      (await nodes()).map((n) => n.label),
      ['Custom Jobs', 'Hyperparameter Tuning Jobs', 'Training Pipelines', 'Pipeline Runs', 'Batch Predictions'],
    );
    const jobs = await nodes(CUSTOM);
    assert.ok(jobs.length >= 5, `custom jobs: ${jobs.map((j) => j.label).join(', ')}`);
    const byState = (state: string) => jobs.find((j) => j.contextValue === `vertexAI.job.custom.${state}`);
    const running = byState('running');
    assert.equal(running?.icon, 'loading~spin');
    assert.equal(byState('succeeded')?.icon, 'pass-filled');
    assert.equal(byState('failed')?.icon, 'error');
    assert.equal(byState('failed')?.color, 'testing.iconFailed');
    // "state · relative age · hardware summary"
    assert.ok(jobs.some((j) => /^Succeeded · \d+ (min|h|d) ago · \d+×\S+/.test(j.description ?? '')), jobs.map((j) => j.description).join('\n'));
    assert.ok(jobs.some((j) => /TPU v\w+ \dx\d/.test(j.description ?? '')), 'a TPU job shows its topology');
    const failed = byState('failed') as NodeSnapshot;
    assert.match(failed.tooltip ?? '', /projects\/.+\/customJobs\//);
    assert.match(failed.tooltip ?? '', /Pool 0 \(primary\)/);
    for (const group of [HP, `${VIEW}/trainingPipeline`, PIPELINE_RUNS]) assert.ok((await nodes(group)).some((n) => n.contextValue?.startsWith('vertexAI.job.')), group);
    const pools = await nodes(running?.id);
    assert.match(pools[0].label, /^Pool 0: primary/);
    // The replica count is said once: "2 × g2-standard-8 · 1×L4", not again as ", 2 replicas".
    const distributed = jobs.find((j) => j.label === 'embeddings-l4-running');
    const workers = (await nodes(distributed?.id)).find((p) => p.label.startsWith('Pool 1'));
    assert.match(workers?.description ?? '', /^2 × g2-standard-8 · 1×L4 · /);
  });

  it('shows HP tuning trials with parameters and metric, best trial marked', async () => {
    const [hp] = await nodes(HP);
    const trials = await waitFor('a best trial', async () => {
      await vscode.commands.executeCommand('vertexAI.refreshItem', HP);
      await nodes(HP);
      const children = await nodes(hp.id);
      return children.some((t) => t.label.endsWith('(best)')) ? children : undefined;
    });
    const best = trials.filter((t) => t.label.endsWith('(best)'));
    assert.equal(best.length, 1);
    assert.equal(best[0].icon, 'star-full');
    assert.match(best[0].description ?? '', /accuracy=0\.\d+ · .*learning_rate=/);
  });

  it('a running job turns SUCCEEDED in the tree by itself', async () => {
    // The view polls only while it is visible, and suites before this one may have shown other views.
    await vscode.commands.executeCommand(`${VIEW}.focus`);
    const { name } = await emulator.createCustomJob('watch-me-finish', { 'emulator-run-seconds': '2' });
    await vscode.commands.executeCommand('vertexAI.refreshItem', CUSTOM);
    const first = await waitFor('the new job', () => find(CUSTOM, name));
    assert.match(first.contextValue ?? '', /\.(queued|pending|running)$/);
    // No refresh from here on: the view polls the job while it is visible.
    const done = await waitFor('SUCCEEDED without a refresh', async () => {
      const node = await find(CUSTOM, name);
      return node?.contextValue === 'vertexAI.job.custom.succeeded' ? node : undefined;
    }, 30_000);
    assert.match(done.description ?? '', /^Succeeded · /);
    assert.equal(done.icon, 'pass-filled');
  });

  it('cancels a running job after confirmation, then deletes it with progress on the node', async () => {
    const { name } = await emulator.createCustomJob('cancel-then-delete', { 'emulator-run-seconds': '60' });
    await vscode.commands.executeCommand('vertexAI.refreshItem', CUSTOM);
    await waitFor('the new job', () => find(CUSTOM, name));

    const declined = new ScriptedInput().expectConfirm(false);
    api.setUserInput(declined);
    assert.equal(await vscode.commands.executeCommand('vertexAI.cancelJob', name), false);
    declined.assertDone();

    const input = new ScriptedInput().expectConfirm(true);
    api.setUserInput(input);
    assert.equal(await vscode.commands.executeCommand('vertexAI.cancelJob', name), true);
    input.assertDone();
    assert.match(input.asked[0], /Cancel the job "cancel-then-delete"/);
    await waitFor('CANCELLED', async () => ((await find(CUSTOM, name))?.contextValue === 'vertexAI.job.custom.cancelled' ? true : undefined), 30_000);

    // A slow delete, so the node's progress can be seen.
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.JobService.DeleteCustomJob', latencyMs: 1500 });
    api.setUserInput(new ScriptedInput().expectConfirm(true));
    const deleting = vscode.commands.executeCommand('vertexAI.deleteJob', name);
    const inProgress = await waitFor('"Deleting…" on the node', async () => {
      const node = await find(CUSTOM, name);
      return node?.description === 'Deleting…' ? node : undefined;
    });
    assert.equal(inProgress.icon, 'loading~spin');
    assert.equal(await deleting, true);
    assert.equal(await find(CUSTOM, name), undefined, 'the deleted job left the tree');
    assert.equal((await emulator.get(name)).status, 404);
  });

  it('pages through 500 jobs with "Load more…"', async () => {
    const { total } = (await emulator.generateCustomJobs(500)) as { total: number };
    await vscode.commands.executeCommand('vertexAI.refreshItem', CUSTOM);
    let page = await nodes(CUSTOM);
    assert.equal(page.length, 51, 'a first page of 50 and "Load more…"');
    let loads = 0;
    while (page[page.length - 1].contextValue === 'vertexAI.loadMore') {
      await vscode.commands.executeCommand('vertexAI.loadMore', CUSTOM);
      page = await nodes(CUSTOM);
      loads++;
    }
    assert.equal(page.length, total);
    assert.equal(new Set(page.map((n) => n.id)).size, total, 'no job twice');
    assert.equal(loads, Math.ceil(total / 50) - 1);
  });

  it('filters by state and text from the title bar', async () => {
    api.setUserInput(new ScriptedInput().expectPick('failed').expectInput('synthetic'));
    await vscode.commands.executeCommand(`${VIEW}.filter`);
    const failed = await nodes(CUSTOM);
    assert.ok(failed.length > 1);
    assert.ok(failed.filter((n) => n.contextValue !== 'vertexAI.loadMore').every((n) => n.contextValue === 'vertexAI.job.custom.failed' && n.label.includes('synthetic')));
    await vscode.commands.executeCommand(`${VIEW}.filter`, { text: 'no-such-job-anywhere' });
    const empty = await nodes(CUSTOM);
    assert.deepEqual(empty.map((n) => n.contextValue), ['vertexAI.message.empty', 'vertexAI.message.clearFilter']);
  });

  it('shows PERMISSION_DENIED as a node with what to do, and recovers on retry', async () => {
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.PipelineService.ListPipelineJobs', code: 'PERMISSION_DENIED' });
    await vscode.commands.executeCommand('vertexAI.refreshItem', PIPELINE_RUNS);
    const problem = await nodes(PIPELINE_RUNS);
    assert.deepEqual(problem.map((n) => n.contextValue), ['vertexAI.message.problem.permission-denied', 'vertexAI.message.openIam', 'vertexAI.message.retry']);
    assert.match(problem[0].label, /^Permission denied: Permission 'aiplatform\.customJobs\.list' denied.*Vertex AI role/);
    assert.equal(problem[0].icon, 'error');
    await emulator.clearFaults();
    await vscode.commands.executeCommand('vertexAI.refreshItem', PIPELINE_RUNS);
    assert.ok((await nodes(PIPELINE_RUNS)).every((n) => n.contextValue?.startsWith('vertexAI.job.pipeline.')));
  });

  it('shows a job as a read-only YAML or JSON document, and copies its name and ID', async () => {
    const [job] = await nodes(CUSTOM);
    const editor = (await vscode.commands.executeCommand('vertexAI.showDetails', job.id)) as vscode.TextEditor;
    assert.equal(editor.document.uri.scheme, 'vertexai-resource');
    assert.match(editor.document.getText(), new RegExp(`^name: ${job.id}$`, 'm'));
    const json = (await vscode.commands.executeCommand('vertexAI.showDetails', job.id, 'json')) as vscode.TextEditor;
    assert.equal((JSON.parse(json.document.getText()) as { name: string }).name, job.id);
    await vscode.commands.executeCommand('vertexAI.copyResourceName', job.id);
    assert.equal(await vscode.env.clipboard.readText(), job.id);
    await vscode.commands.executeCommand('vertexAI.copyResourceId', job.id);
    assert.equal(await vscode.env.clipboard.readText(), job.id.split('/').pop());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
