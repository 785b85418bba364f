import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { predictionFor } from '../emulator/endpoints/prediction';
import type { PredictOutcome } from '../../src/commands/predict';
import { DEMO_LOCATION, extensionApi, ScriptedInput } from './explorer/explorerHarness';
import { waitUntil } from './extensionHost';

const CHURN = `${DEMO_LOCATION}/endpoints/8301000000000000001`;
const CHURN_DEPLOYED = '5101000000000000001';

const created: vscode.Uri[] = [];

/** A saved file, not an untitled one: closing a dirty untitled editor would stop on a save prompt. */
async function openFile(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(os.tmpdir(), `predict-it-${process.pid}-${name}`));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  created.push(uri);
  const editor = await vscode.window.showTextDocument(uri);
  await waitUntil(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 5_000, `${name} to be the active editor`);
  return editor;
}

describe('Predict… against an endpoint (emulator, demo seed)', function () {
  this.timeout(60_000);

  before(async () => {
    await extensionApi();
    // A log channel left open by earlier suites would otherwise hold the focus.
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(async () => {
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri);
  });

  it('sends a JSON file\'s instances and opens the deterministic answer, with latency, read-only', async () => {
    const instances = [{ tenure: 3, plan: 'basic' }, { tenure: 40, plan: 'pro' }];
    const file = vscode.Uri.file(path.join(os.tmpdir(), `predict-it-${process.pid}.json`));
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ instances }, null, 2)));
    const outcome = (await vscode.commands.executeCommand('vertexAI.predict', { name: CHURN }, file)) as PredictOutcome | undefined;
    assert.ok(outcome, 'vertexAI.predict returned nothing');
    assert.deepEqual(outcome.result.predictions, instances.map((i) => predictionFor(CHURN_DEPLOYED, i)));
    assert.equal(outcome.document.uri.scheme, 'vertexai-prediction');
    const shown = JSON.parse(outcome.document.getText()) as { latencyMs: number; deployedModelId: string; predictions: number[] };
    assert.equal(shown.deployedModelId, CHURN_DEPLOYED);
    assert.equal(typeof shown.latencyMs, 'number');
    assert.deepEqual(shown.predictions, outcome.result.predictions);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === outcome.document), 'the response is shown');
    await vscode.workspace.fs.delete(file);
  });

  it('takes a bare array from the selection', async () => {
    const editor = await openFile('notes.md', 'Try these:\n[[1, 2], [3, 4]]\nend');
    editor.selection = new vscode.Selection(1, 0, 1, 16);
    const outcome = (await vscode.commands.executeCommand('vertexAI.predict', CHURN)) as PredictOutcome | undefined;
    assert.deepEqual(outcome?.result.predictions, [predictionFor(CHURN_DEPLOYED, [1, 2]), predictionFor(CHURN_DEPLOYED, [3, 4])]);
  });

  it('asks for the request when the open editor is not JSON, instead of sending it', async () => {
    await openFile('train.vertex.yaml', 'displayName: not-a-request\n');
    const prompts = new ScriptedInput().expectInput('[[5, 6]]');
    (await extensionApi()).setUserInput(prompts);
    const outcome = (await vscode.commands.executeCommand('vertexAI.predict', CHURN)) as PredictOutcome | undefined;
    prompts.assertDone();
    assert.deepEqual(prompts.asked, ['Predict: request']);
    assert.deepEqual(outcome?.result.predictions, [predictionFor(CHURN_DEPLOYED, [5, 6])]);
  });

  it('malformed JSON sends nothing and puts the cursor where the JSON breaks', async () => {
    await openFile('broken.json', '{\n  "instances": [\n    {"x": }\n  ]\n}');
    const outcome = await vscode.commands.executeCommand('vertexAI.predict', CHURN);
    assert.equal(outcome, undefined);
    const at = () => vscode.window.activeTextEditor?.selection.active;
    await waitUntil(() => at()?.line === 2 && at()?.character === 10, 5_000, `the cursor at line 3, column 11 (it is at ${at()?.line}:${at()?.character} in ${vscode.window.activeTextEditor?.document.uri.toString()})`);
  });

  it('an endpoint with nothing deployed: the API\'s own message, no document', async () => {
    const before = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'vertexai-prediction').length;
    const outcome = await vscode.commands.executeCommand('vertexAI.predict', `${DEMO_LOCATION}/endpoints/8301000000000000003`, { text: '[[1]]' });
    assert.equal(outcome, undefined);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'vertexai-prediction').length, before);
  });
});
