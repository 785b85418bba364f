import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, waitFor } from './explorer/explorerHarness';

const GPU_WRONG_COUNT = `displayName: editor-gpu
workerPoolSpecs:
  - machineSpec:
      machineType: g2-standard-8
      acceleratorType: NVIDIA_L4
      acceleratorCount: 2
    replicaCount: 1
    containerSpec:
      imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest
`;

function specFile(name: string, text: string): vscode.Uri {
  const dir = join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'spec-editor');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return vscode.Uri.file(join(dir, name));
}

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vertex AI');

describe('Job spec editor', function () {
  this.timeout(30_000);

  before(async () => {
    await extensionApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('marks a problem at its exact range and offers the quick fix that solves it', async () => {
    const uri = specFile('gpu.vertex.yaml', GPU_WRONG_COUNT);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [problem] = await waitFor('the accelerator count diagnostic', async () => {
      const found = ours(uri).filter((d) => d.code === 'accelerator-count');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(problem.range), '2', 'the count itself is underlined');
    assert.equal(problem.range.start.line, 5);
    assert.match(problem.message, /g2-standard-8 takes exactly 1 NVIDIA_L4/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set acceleratorCount to 1');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => `${a.title} (edit: ${a.edit !== undefined})`).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(5).text, /acceleratorCount: 1$/);
    await waitFor('the error to go away', async () => (ours(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true));
  });

  it('warns, without blocking, about an accelerator the region table does not list', async () => {
    const uri = specFile('region.vertex.yaml', `region: us-west3\n${GPU_WRONG_COUNT.replace('acceleratorCount: 2', 'acceleratorCount: 1')}`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [warning] = await waitFor('the region warning', async () => {
      const found = ours(uri).filter((d) => d.code === 'region-accelerator');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('reports malformed YAML as a diagnostic', async () => {
    const uri = specFile('broken.vertex.yaml', 'workerPoolSpecs: [\n  {machineSpec: \n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await waitFor('a syntax diagnostic', async () => (ours(uri).length > 0 ? ours(uri) : undefined));
    assert.equal(found[0].code, 'yaml-syntax');
    const summary = await vscode.commands.executeCommand<{ errors: number }>('vertexAI.validateSpec', uri);
    assert.ok(summary.errors >= 1);
  });

  it('completes the accelerators the chosen machine takes, and their counts', async () => {
    const uri = specFile('complete.vertex.yaml', 'workerPoolSpecs:\n  - machineSpec:\n      machineType: g2-standard-24\n      acceleratorType: \n      acceleratorCount: \n');
    const doc = await vscode.workspace.openTextDocument(uri);
    const labels = async (line: number): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, doc.lineAt(line).range.end);
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Value).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    assert.ok((await labels(3)).includes('NVIDIA_L4'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.lineAt(3).range.end, 'NVIDIA_L4');
    await vscode.workspace.applyEdit(edit);
    assert.ok((await labels(4)).includes('2'), 'g2-standard-24 takes 2 L4s');
    const machines = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(2, 19));
    assert.ok(machines.items.some((i) => i.label === 'ct5lp-hightpu-4t'));
  });

  it('puts Validate · Submit · Copy as gcloud command at the top', async () => {
    const uri = specFile('lens.vertex.yaml', GPU_WRONG_COUNT);
    await vscode.workspace.openTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.command]), [
      [0, 'vertexAI.validateSpec'], [0, 'vertexAI.submitTrainingJob'], [0, 'vertexAI.copyGcloudCommand'],
    ]);
    assert.ok(lenses.every((l) => (l.command?.arguments?.[0] as vscode.Uri).toString() === uri.toString()));
  });

  it('copies the job as a gcloud command', async () => {
    const uri = specFile('copy.vertex.yaml', GPU_WRONG_COUNT.replace('acceleratorCount: 2', 'acceleratorCount: 1'));
    const command = await vscode.commands.executeCommand<string>('vertexAI.copyGcloudCommand', uri);
    assert.match(command, /^gcloud ai custom-jobs create --region=us-central1 --display-name=editor-gpu .*--worker-pool-spec=machine-type=g2-standard-8,replica-count=1,accelerator-type=NVIDIA_L4,accelerator-count=1,container-image-uri=/);
    assert.equal(await vscode.env.clipboard.readText(), command);
  });
});
