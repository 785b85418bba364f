import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { emulatorUrl, extensionApi, scriptedInputPerTest } from './explorer/explorerHarness';

const LOCATION = 'projects/demo-project/locations/us-central1';

async function images(repository: string): Promise<{ uri: string; tags: string[] }[]> {
  const res = await fetch(`${emulatorUrl()}/v1/${LOCATION}/repositories/${repository}/dockerImages`);
  return ((await res.json()) as { dockerImages?: { uri: string; tags: string[] }[] }).dockerImages ?? [];
}

async function scaffold(name: string, packaging = 'custom-container'): Promise<string> {
  const parentFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return vscode.commands.executeCommand<string>('vertexAI.newTrainingProject', {
    template: 'cpu-quickstart', packaging, parentFolder, name, bucket: 'demo-project-vertex-staging', open: 'none',
  });
}

async function storedJob(name: string): Promise<{ jobSpec: { workerPoolSpecs: Record<string, Record<string, unknown>>[] } }> {
  return (await (await fetch(`${emulatorUrl()}/v1/${name}`)).json()) as never;
}

describe('Build and Push Image with Cloud Build (emulator)', function () {
  this.timeout(60_000);
  const prompts = scriptedInputPerTest();

  it('builds the spec\'s image, pins the spec to its digest, and reuses the tag when nothing changed', async () => {
    const folder = await scaffold('build-it');
    const spec = vscode.Uri.file(join(folder, 'cpu.vertex.yaml'));
    const pinned = await vscode.commands.executeCommand<string>('vertexAI.buildImage', spec, { builder: 'cloud-build' });
    assert.match(pinned, /^us-central1-docker\.pkg\.dev\/demo-project\/training\/build-it-cpu@sha256:[0-9a-f]{64}$/);
    const text = readFileSync(spec.fsPath, 'utf8');
    assert.equal(text.split(pinned).length - 1, 2, 'local.build.image and the worker pool run the digest');
    const pushed = (await images('training')).find((i) => i.uri === pinned);
    assert.match(pushed?.tags[0] ?? '', /^[0-9a-f]{24}$/, 'tagged with the context hash');

    assert.equal(await vscode.commands.executeCommand<string>('vertexAI.buildImage', spec, { builder: 'cloud-build' }), pinned, 'the same context gives the same image');
    assert.equal((await images('training')).filter((i) => i.uri.includes('/build-it-cpu@')).length, 1, 'nothing new was pushed');
  });

  it('creates a missing repository when asked, and leaves the spec alone when not', async () => {
    const folder = await scaffold('repo-it');
    const spec = vscode.Uri.file(join(folder, 'cpu.vertex.yaml'));
    writeFileSync(spec.fsPath, readFileSync(spec.fsPath, 'utf8').replaceAll('/training/repo-it-cpu', '/fresh-repo/repo-it-cpu'));
    const before = readFileSync(spec.fsPath, 'utf8');

    prompts.input.expectConfirm(false);
    assert.equal(await vscode.commands.executeCommand('vertexAI.buildImage', spec, { builder: 'cloud-build' }), undefined);
    assert.equal(readFileSync(spec.fsPath, 'utf8'), before, 'nothing half-done in the spec');

    prompts.input.expectConfirm(true);
    const pinned = await vscode.commands.executeCommand<string>('vertexAI.buildImage', spec, { builder: 'cloud-build' });
    assert.match(pinned, /\/fresh-repo\/repo-it-cpu@sha256:/);
    assert.equal((await images('fresh-repo')).length, 1);
  });

  it('a failing build leaves the spec as it was', async () => {
    const folder = await scaffold('fail-it');
    writeFileSync(join(folder, 'Dockerfile'), '# no instructions\n');
    const spec = vscode.Uri.file(join(folder, 'cpu.vertex.yaml'));
    const before = readFileSync(spec.fsPath, 'utf8');
    assert.equal(await vscode.commands.executeCommand('vertexAI.buildImage', spec, { builder: 'cloud-build' }), undefined);
    assert.equal(readFileSync(spec.fsPath, 'utf8'), before);
  });

  it('lists a repository\'s images and copies the chosen one', async () => {
    prompts.input.expectPick('us-central1-docker.pkg.dev/demo-project/training/trainer:latest');
    const uri = await vscode.commands.executeCommand<string>('vertexAI.showArtifactRegistryImages', { repository: 'training' });
    assert.equal(uri, 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest');
    assert.equal(await vscode.env.clipboard.readText(), uri);
  });
});

describe('Submitting a spec with local sections (emulator)', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('vertexAI');

  before(async () => {
    await extensionApi();
    await config().update('build.builder', 'cloud-build', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('build.builder', undefined, vscode.ConfigurationTarget.Global);
  });

  it('builds and pushes local.build first, and the job runs the pushed digest', async () => {
    const folder = await scaffold('submit-built');
    const spec = vscode.Uri.file(join(folder, 'cpu.vertex.yaml'));
    const name = await vscode.commands.executeCommand<string>('vertexAI.submitTrainingJob', spec);
    assert.match(name, /\/customJobs\/\d+$/);
    const imageUri = (await storedJob(name)).jobSpec.workerPoolSpecs[0].containerSpec.imageUri;
    assert.match(String(imageUri), /^us-central1-docker\.pkg\.dev\/demo-project\/training\/submit-built-cpu@sha256:[0-9a-f]{64}$/);
    assert.ok(readFileSync(spec.fsPath, 'utf8').includes(`imageUri: ${String(imageUri)}`), 'the spec names what ran');
  });

  it('uploads the Python package first, and the job installs it', async () => {
    const folder = await scaffold('submit-pkg', 'python-package');
    const spec = vscode.Uri.file(join(folder, 'cpu.vertex.yaml'));
    const before = readFileSync(spec.fsPath, 'utf8');
    const name = await vscode.commands.executeCommand<string>('vertexAI.submitTrainingJob', spec);
    assert.match(name, /\/customJobs\/\d+$/);
    const pythonSpec = (await storedJob(name)).jobSpec.workerPoolSpecs[0].pythonPackageSpec;
    const packageUri = 'gs://demo-project-vertex-staging/submit-pkg/packages/submit_pkg-0.1.0.tar.gz';
    assert.deepEqual(pythonSpec.packageUris, [packageUri]);
    const object = await fetch(`${emulatorUrl()}/storage/v1/b/demo-project-vertex-staging/o/${encodeURIComponent('submit-pkg/packages/submit_pkg-0.1.0.tar.gz')}`);
    assert.equal(object.status, 200, 'the sdist was uploaded');
    assert.equal(readFileSync(spec.fsPath, 'utf8'), before);
  });
});

describe('Upload Folder to Cloud Storage (emulator)', function () {
  this.timeout(30_000);

  it('uploads every file below the prefix, except what is never sent', async () => {
    const folder = join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'upload-data');
    for (const [path, text] of Object.entries({ 'a.csv': '1,2\n', 'nested/b.csv': '3,4\n', '.env': 'TOKEN=x\n' })) {
      mkdirSync(join(folder, path, '..'), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    await extensionApi();
    const uri = await vscode.commands.executeCommand<string>('vertexAI.uploadFolder', vscode.Uri.file(folder), 'gs://demo-project-vertex-staging/datasets/run1/');
    assert.equal(uri, 'gs://demo-project-vertex-staging/datasets/run1');
    const listed = (await (await fetch(`${emulatorUrl()}/storage/v1/b/demo-project-vertex-staging/o?prefix=datasets/run1/`)).json()) as { items?: { name: string }[] };
    assert.deepEqual((listed.items ?? []).map((o) => o.name).sort(), ['datasets/run1/a.csv', 'datasets/run1/nested/b.csv']);
  });
});
