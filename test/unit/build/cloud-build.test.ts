import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { seedArtifactRegistry } from '../../emulator/artifactregistry/seed';
import { getObject, listObjects } from '../../emulator/storage/objects';
import { readTar } from '../../emulator/cloudbuild/tar';
import { RepositoryMissingError, buildAndPushImage } from '../../../src/build/image-build';
import type { ImageBuildRequest } from '../../../src/build/image-build';
import { prepareLocalSections } from '../../../src/build/prepare';
import { analyzeSpec } from '../../../src/jobs/spec-validate';
import { renderProject, writeProject } from '../../../src/scaffold/render';
import type { Connection } from '../../../src/cloud/connection';

const IMAGE = 'us-central1-docker.pkg.dev/demo-project/training/demo-cpu';

describe('building with Cloud Build against the emulator', () => {
  let emu: Emulator;
  let conn: Connection;
  let root: string;
  const lines: string[] = [];
  const request = (overrides: Partial<ImageBuildRequest> = {}): ImageBuildRequest => ({
    conn, contextDir: root, image: `${IMAGE}:latest`, buildArgs: { BASE_IMAGE: 'python:3.10' }, gitCommit: 'a'.repeat(40),
    builder: { kind: 'cloud-build' }, onLine: (l) => lines.push(l), onStep: () => undefined, ...overrides,
  });

  before(async () => {
    emu = await startEmulator();
    seedArtifactRegistry(emu);
    const url = emu.url;
    conn = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { storage: url, cloudbuild: url, artifactregistry: url } };
    root = await mkdtemp(join(tmpdir(), 'cloud-build-test-'));
    await writeProject(root, renderProject({ template: 'cpu-quickstart', packaging: 'custom-container', name: 'demo', project: 'demo-project' }));
    await writeFile(join(root, '.env'), 'SECRET=1\n');
  });
  after(async () => {
    await emu.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('uploads the context like gcloud, builds, and returns the digest of the content-hash tag', async () => {
    const built = await buildAndPushImage(request());
    assert.equal(built.reused, false);
    assert.match(built.tag, /^[0-9a-f]{24}$/);
    assert.match(built.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(built.pinned, `${IMAGE}@${built.digest}`);
    const sources = listObjects(emu.store, 'demo-project_cloudbuild', 'source/');
    assert.equal(sources.length, 1);
    assert.match(sources[0].name, /^source\/\d+\.\d{6}-[0-9a-f]{32}\.tgz$/);
    const tar = readTar(getObject(emu.store, 'demo-project_cloudbuild', sources[0].name)?.data ?? Buffer.alloc(0));
    const files = tar.filter((e) => e.type === '0').map((e) => e.name).sort();
    // .dockerignore leaves out the specs and README; .env never leaves.
    assert.deepEqual(files, ['.dockerignore', '.vertexignore', 'Dockerfile', 'requirements.txt', 'trainer/__init__.py', 'trainer/environment.py', 'trainer/task.py']);
    assert.ok(lines.some((l) => l.includes('Left out of the build context for safety: .env')), 'says what the safety layer kept back');
    assert.ok(lines.some((l) => l.startsWith('Step 1/')), 'streams the build log');
  });

  it('skips the build and push when the tag is already in the registry', async () => {
    const first = await buildAndPushImage(request());
    assert.equal(first.reused, true);
    assert.equal(listObjects(emu.store, 'demo-project_cloudbuild', 'source/').length, 1, 'no second upload');
    await writeFile(join(root, 'trainer', 'extra.py'), 'X = 1\n');
    const changed = await buildAndPushImage(request());
    assert.equal(changed.reused, false);
    assert.notEqual(changed.tag, first.tag);
    const otherArgs = await buildAndPushImage(request({ buildArgs: { BASE_IMAGE: 'python:3.11' } }));
    assert.notEqual(otherArgs.tag, changed.tag, 'build arguments change the tag');
  });

  it('a missing repository is found before anything is built', async () => {
    await assert.rejects(buildAndPushImage(request({ image: 'us-central1-docker.pkg.dev/demo-project/nope/demo-cpu' })), (err: unknown) => {
      assert.ok(err instanceof RepositoryMissingError);
      assert.equal(err.repositoryId, 'nope');
      return true;
    });
  });

  it('a failing build says so, and the spec stays as it was', async () => {
    const specPath = join(root, 'cpu.vertex.yaml');
    const text = await readFile(specPath, 'utf8');
    await writeFile(join(root, 'Dockerfile.empty'), '# nothing\n');
    const broken = text.replace('dockerfile: Dockerfile', 'dockerfile: Dockerfile.empty');
    const analysis = analyzeSpec(broken, specPath, {});
    assert.ok(analysis.spec);
    await assert.rejects(prepareLocalSections({
      conn, text: broken, fileName: specPath, spec: analysis.spec, builder: async () => ({ kind: 'cloud-build' }),
      onLine: () => undefined, onStep: () => undefined,
    }), /Cloud Build [0-9a-f-]+ ended FAILURE: Build step failure/);
  });

  it('pins the spec to the pushed digest', async () => {
    const specPath = join(root, 'cpu.vertex.yaml');
    const text = await readFile(specPath, 'utf8');
    const analysis = analyzeSpec(text, specPath, {});
    assert.ok(analysis.spec);
    const prepared = await prepareLocalSections({
      conn, text, fileName: specPath, spec: analysis.spec, builder: async () => ({ kind: 'cloud-build' }),
      onLine: () => undefined, onStep: () => undefined,
    });
    const pinned = prepared.image?.pinned ?? '';
    assert.match(pinned, /@sha256:[0-9a-f]{64}$/);
    assert.equal(prepared.edits.length, 2, 'local.build.image and the worker pool');
    assert.equal(prepared.text.split(pinned).length - 1, 2);
    assert.equal(prepared.text.replaceAll(pinned, `${IMAGE}:latest`), text, 'nothing else changed');
    const again = analyzeSpec(prepared.text, specPath, {});
    assert.deepEqual(again.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.rule), []);
  });
});
