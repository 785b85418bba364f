import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { emulator, scriptedInputPerTest } from './explorer/explorerHarness';

const TRAINER_IMAGE = 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest';

function project(name: string, files: Record<string, string>): string {
  const dir = join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

async function jobSpec(name: string): Promise<{ workerPoolSpecs: { machineSpec: unknown; containerSpec: Record<string, unknown> }[] }> {
  return ((await (await emulator.get(name)).json()) as { jobSpec: never }).jobSpec;
}

describe('Submit Training Job… for a folder or a Python file (emulator)', function () {
  this.timeout(60_000);
  const prompts = scriptedInputPerTest();

  it('writes a .vertex.yaml beside the code from the answers it was given, then submits it', async () => {
    const dir = project('resnet', { 'train.py': 'print("hi")\n', 'trainer/model.py': '' });
    const name = await vscode.commands.executeCommand<string>('vertexAI.submitTrainingJobGuided', vscode.Uri.file(dir), {
      hardware: 'l4', container: { kind: 'registry', imageUri: TRAINER_IMAGE }, entryPoint: 'train.py', args: ['--epochs=1'], region: 'us-central1',
    });
    assert.match(name, /\/customJobs\/\d+$/);
    const specPath = join(dir, 'resnet.vertex.yaml');
    assert.ok(existsSync(specPath));
    assert.match(readFileSync(specPath, 'utf8'), /machineType: g2-standard-8/);
    const spec = await jobSpec(name);
    assert.deepEqual(spec.workerPoolSpecs[0].machineSpec, { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 });
    assert.deepEqual(spec.workerPoolSpecs[0].containerSpec, { imageUri: TRAINER_IMAGE, command: ['python3', 'train.py'], args: ['--epochs=1'] });
  });

  it('asks through searchable picks for a Python file, and never overwrites an existing spec', async () => {
    const dir = project('bert', { 'finetune.py': 'print("hi")\n', 'finetune.vertex.yaml': '# mine\n' });
    prompts.input.expectPick('v5e-2x2').expectPick('registry').expectPick(TRAINER_IMAGE).expectInput('--epochs 2 --name "my run"').expectPick('us-central1');
    const name = await vscode.commands.executeCommand<string>('vertexAI.submitTrainingJobGuided', vscode.Uri.file(join(dir, 'finetune.py')));
    assert.deepEqual(prompts.input.asked, [
      'Submit Training Job: hardware', 'Submit Training Job: container', 'Submit Training Job: container', 'Submit Training Job: arguments', 'Submit Training Job: region',
    ]);
    assert.equal(readFileSync(join(dir, 'finetune.vertex.yaml'), 'utf8'), '# mine\n');
    assert.ok(existsSync(join(dir, 'finetune-2.vertex.yaml')));
    const spec = await jobSpec(name);
    assert.deepEqual(spec.workerPoolSpecs[0].machineSpec, { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' });
    assert.deepEqual(spec.workerPoolSpecs[0].containerSpec, { imageUri: TRAINER_IMAGE, command: ['python3', 'finetune.py'], args: ['--epochs', '2', '--name', 'my run'] });
  });

  it('writes local.build for a Dockerfile, then builds the image and submits the job that runs it', async () => {
    const dir = project('with-docker', { 'train.py': '', Dockerfile: 'FROM scratch\n' });
    const name = await vscode.commands.executeCommand<string | undefined>('vertexAI.submitTrainingJobGuided', vscode.Uri.file(dir), {
      // The repository is given: other suites may have created more, and then the flow would ask which.
      hardware: 'cpu', container: { kind: 'dockerfile', imageUri: 'us-central1-docker.pkg.dev/demo-project/training/with-docker:latest' }, entryPoint: null, args: [], region: 'us-central1',
    });
    const text = readFileSync(join(dir, 'with-docker.vertex.yaml'), 'utf8');
    assert.match(text, /local:\n {2}build:\n {4}image: us-central1-docker\.pkg\.dev\/demo-project\/training\/with-docker[:@]\S+\n {4}context: "\."\n {4}dockerfile: Dockerfile/);
    assert.match(name ?? '', /\/customJobs\/\d+$/);
    const image = (await jobSpec(name as string)).workerPoolSpecs[0].containerSpec.imageUri;
    assert.match(String(image), /^us-central1-docker\.pkg\.dev\/demo-project\/training\/with-docker[:@]/);
  });
});
