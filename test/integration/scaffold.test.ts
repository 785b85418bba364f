import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { scriptedInputPerTest } from './explorer/explorerHarness';

function workspaceDir(): string {
  const dir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!dir) throw new Error('The test host opened no folder.');
  return dir;
}

describe('New Training Project…', function () {
  this.timeout(30_000);
  const prompts = scriptedInputPerTest();

  it('asks for template, packaging, name and folder, writes the project, and offers to open it', async () => {
    prompts.input.expectPick('jax-tpu').expectPick('python-package').expectInput('scaffold-asked').expectInput(workspaceDir()).expectPick('none');
    const folder = await vscode.commands.executeCommand<string>('vertexAI.newTrainingProject');
    assert.equal(folder, join(workspaceDir(), 'scaffold-asked'));
    assert.deepEqual(prompts.input.asked, [
      'New Training Project: template', 'New Training Project: packaging', 'New Training Project: name', 'New Training Project: folder', 'Created scaffold-asked. Open it?',
    ]);
    for (const file of ['trainer/task.py', 'pyproject.toml', 'tpu.vertex.yaml', 'gpu.vertex.yaml', 'README.md']) assert.ok(existsSync(join(folder, file)), file);
    // The session's project and region replace the placeholders.
    assert.match(readFileSync(join(folder, 'tpu.vertex.yaml'), 'utf8'), /^region: us-central1$/m);
    assert.match(readFileSync(join(folder, 'README.md'), 'utf8'), /demo-project/);
    // The same staging bucket that Submit and Upload Model offer, so the new project submits as is.
    assert.match(readFileSync(join(folder, 'tpu.vertex.yaml'), 'utf8'), /packageUri: gs:\/\/demo-project-vertex-staging\/scaffold-asked\/packages\//);
  });

  it('never prompts when given its arguments, and refuses a folder that already has the files', async () => {
    const options = { template: 'pytorch-gpu', packaging: 'custom-container', parentFolder: workspaceDir(), name: 'scaffold-args', open: 'none' };
    const folder = await vscode.commands.executeCommand<string>('vertexAI.newTrainingProject', options);
    assert.ok(existsSync(join(folder, 'Dockerfile')) && existsSync(join(folder, '.dockerignore')));
    assert.match(readFileSync(join(folder, 'gpu.vertex.yaml'), 'utf8'), /image: us-central1-docker\.pkg\.dev\/demo-project\/training\/scaffold-args-gpu:latest/);
    const again = await vscode.commands.executeCommand('vertexAI.newTrainingProject', options);
    assert.equal(again, undefined, 'the error is shown, nothing is overwritten');
    assert.deepEqual(prompts.input.asked, []);
  });
});
