import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FollowOutcome } from '../../../src/logs/log-follower';
import type { JobFinishedEvent, LogStreamHandle } from '../../../src/views/logs/logStreams';
import type { ExtensionApi } from '../../../src/extension';
import { DEMO_LOCATION, extensionApi, ScriptedInput } from '../explorer/explorerHarness';
import { waitUntil } from '../extensionHost';

const LINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (DEBUG|INFO|WARNING|ERROR)\s+(workerpool\d+-\d+|service) {2}/;

function emulatorUrl(): string {
  const url = process.env.VERTEX_EMULATOR_URL;
  if (!url) throw new Error('VERTEX_EMULATOR_URL is not set: run these tests through npm run test:integration.');
  return url;
}

async function createJob(options: { runSeconds: number; fail?: boolean; workers?: number }): Promise<string> {
  const spec = { machineSpec: { machineType: 'n1-standard-4' }, containerSpec: { imageUri: 'us-docker.pkg.dev/demo-project/training/trainer:1' } };
  const workerPoolSpecs: object[] = [{ ...spec, replicaCount: '1' }];
  if (options.workers) workerPoolSpecs.push({ ...spec, replicaCount: String(options.workers) });
  const labels: Record<string, string> = { 'emulator-run-seconds': String(options.runSeconds) };
  if (options.fail) labels['emulator-outcome'] = 'fail';
  const res = await fetch(`${emulatorUrl()}/v1/${DEMO_LOCATION}/customJobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: `logs-it-${Date.now()}`, labels, jobSpec: { workerPoolSpecs } }),
  });
  const job = (await res.json()) as { name?: string };
  assert.ok(res.ok && job.name, JSON.stringify(job));
  return job.name;
}

interface Watched {
  handle: LogStreamHandle;
  text: () => string;
  finished: JobFinishedEvent[];
  outcome: Promise<FollowOutcome>;
}

async function showLogs(target: unknown, request?: object): Promise<Watched> {
  const handle = (await vscode.commands.executeCommand('vertexAI.showLogs', target, request)) as LogStreamHandle | undefined;
  assert.ok(handle, 'vertexAI.showLogs returned no stream');
  let text = '';
  const finished: JobFinishedEvent[] = [];
  const subs = [handle.onDidAppend((e) => (text += e.text)), handle.onDidFinishJob((e) => finished.push(e))];
  const outcome = handle.done.finally(() => subs.forEach((s) => s.dispose()));
  return { handle, text: () => text, finished, outcome };
}

describe('Job logs in an output channel', function () {
  this.timeout(60_000);

  let api: ExtensionApi;
  before(async () => {
    api = await extensionApi();
  });

  it('streams a running job\'s lines into its channel, then notifies when the job completes', async () => {
    const name = await createJob({ runSeconds: 8, workers: 1 });
    const watched = await showLogs(name);
    assert.match(watched.handle.channelName, /Vertex AI job \d+/);
    await waitUntil(() => /Epoch 1 \[\d+\/1000\]/.test(watched.text()), 20_000, 'training lines while the job runs');
    assert.equal(watched.finished.length, 0, 'the job was still running when its lines arrived');

    const outcome = await watched.outcome;
    assert.equal(outcome.kind, 'finished');
    const lines = watched.text().split('\n').filter(Boolean);
    const entries = lines.filter((l) => LINE.test(l));
    assert.ok(entries.length > 20, `${entries.length} entries:\n${lines.slice(0, 10).join('\n')}`);
    assert.ok(entries.some((l) => / workerpool1-0 {2}epoch \d+ step/.test(l)), 'the worker replica streams too');
    assert.match(lines[0], / ---- Job "logs-it-\d+" \(projects\/[\w-]+\/locations\/us-central1\/customJobs\/\d+\) is (QUEUED|PENDING|RUNNING)$/);
    assert.ok(lines.some((l) => / ---- Job state: SUCCEEDED$/.test(l)), 'state changes show inline');
    assert.match(lines.at(-1) ?? '', / ---- End of logs: the job is SUCCEEDED\.$/);
    assert.equal(new Set(entries).size, entries.length, 'no line shown twice');

    assert.equal(watched.finished.length, 1);
    assert.equal(watched.finished[0].notice.severity, 'info');
    assert.match(watched.finished[0].notice.message, /^Training job "logs-it-\d+" succeeded\.$/);
    assert.deepEqual(watched.finished[0].notice.actions, ['Show Logs', 'Open in Console']);

    const channelDoc = vscode.workspace.textDocuments.find((d) => d.languageId === 'vertex-log' && d.getText().includes(name));
    assert.ok(channelDoc, `the channel's document has language vertex-log (documents: ${vscode.workspace.textDocuments.map((d) => `${d.uri.toString()}:${d.languageId}`).join(', ')})`);
  });

  it('shows the traceback of a job told to fail, with links to the workspace\'s files', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test workspace has a folder');
    const task = vscode.Uri.joinPath(folder, 'trainer', 'task.py');
    await vscode.workspace.fs.writeFile(task, Buffer.from('def main():\n    pass\n'));

    // Long enough that the follow is live before the job fails, so the failure notification shows.
    const name = await createJob({ runSeconds: 6, fail: true });
    const watched = await showLogs({ resource: { name } });
    const outcome = await watched.outcome;
    assert.equal(outcome.kind === 'finished' && outcome.status.state, 'JOB_STATE_FAILED');
    const text = watched.text();
    assert.match(text, /ERROR workerpool0-0 {2}Traceback \(most recent call last\):\n/);
    assert.match(text, /ERROR workerpool0-0 {2} {2}File "\/root\/\.local\/lib\/python3\.10\/site-packages\/trainer\/task\.py", line 88, in <module>\n/);
    assert.match(text, /ERROR workerpool0-0 {2}ValueError: Input contains NaN/);
    assert.match(text, / ---- Job state: FAILED: The replica workerpool0-0 exited with a non-zero status of 1\./);
    assert.equal(watched.finished.length, 1, 'the failure was seen live');
    assert.equal(watched.finished[0]?.notice.severity, 'error');
    assert.match(watched.finished[0]?.notice.message ?? '', /failed: The replica workerpool0-0 exited/);

    let links: vscode.DocumentLink[] = [];
    await waitUntil(() => vscode.workspace.textDocuments.some((d) => d.languageId === 'vertex-log' && d.getText().includes('ValueError: Input contains NaN')), 10_000, 'the channel document');
    const doc = vscode.workspace.textDocuments.find((d) => d.languageId === 'vertex-log' && d.getText().includes('ValueError: Input contains NaN')) as vscode.TextDocument;
    const deadline = Date.now() + 10_000;
    while (links.length === 0 && Date.now() < deadline) {
      links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
      if (links.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    const toTask = links.filter((l) => l.target?.path === task.path);
    assert.equal(toTask.length, 3, `links: ${links.map((l) => l.target?.toString()).join(', ')}`);
    assert.deepEqual(toTask.map((l) => l.target?.fragment), ['L88', 'L61', 'L34']);
    assert.ok(!links.some((l) => l.target?.path.endsWith('runpy.py')), 'standard library frames have no workspace file');
    assert.equal(doc.getText(toTask[0].range), '/root/.local/lib/python3.10/site-packages/trainer/task.py');
  });

  it('filters by replica, and stops streaming on request', async () => {
    const name = await createJob({ runSeconds: 60, workers: 2 });
    const watched = await showLogs(name, { replica: 'workerpool1-1' });
    await waitUntil(() => watched.text().split('\n').filter((l) => LINE.test(l)).length >= 3, 20_000, 'lines of replica workerpool1-1');
    const entries = () => watched.text().split('\n').filter((l) => LINE.test(l));
    assert.ok(entries().every((l) => l.includes(' workerpool1-1  ')), entries().join('\n'));
    assert.match(watched.text(), / ---- Showing replica workerpool1-1 only\./);

    assert.equal(await vscode.commands.executeCommand('vertexAI.stopStreaming', name), name);
    const outcome = await watched.outcome;
    assert.equal(outcome.kind, 'stopped');
    assert.match(watched.text(), / ---- Streaming stopped\./);
    assert.equal(watched.finished.length, 0);
    await fetch(`${emulatorUrl()}/v1/${name}:cancel`, { method: 'POST' });
  });

  it('asks for the job and the replica when the commands get none', async () => {
    const name = await createJob({ runSeconds: 60, workers: 2 });
    const ui = new ScriptedInput().expectPick(name).expectPick('workerpool1-0');
    api.setUserInput(ui);
    try {
      const handle = (await vscode.commands.executeCommand('vertexAI.showReplicaLogs')) as LogStreamHandle | undefined;
      ui.assertDone();
      assert.deepEqual([handle?.jobName, handle?.replica], [name, 'workerpool1-0']);
      assert.equal(await vscode.commands.executeCommand('vertexAI.stopStreaming', name), name);
      assert.equal((await handle?.done)?.kind, 'stopped');
    } finally {
      await fetch(`${emulatorUrl()}/v1/${name}:cancel`, { method: 'POST' });
    }
  });
});
