// Builds and pushes with the real Debian docker.io daemon and docker-registry started by
// start-dockerd.sh, and submits what was pushed to the emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/build/container-cli';
import type { ContainerCli } from '../../src/build/container-cli';
import { ImageBuildError, buildAndPushImage, buildLocalImage } from '../../src/build/image-build';
import { localRunPlan, runLocally } from '../../src/build/local-run';
import type { Builder } from '../../src/build/image-build';
import { chooseBuilder, prepareLocalSections } from '../../src/build/prepare';
import { lookupTag } from '../../src/build/registry-lookup';
import type { Connection } from '../../src/cloud/connection';
import { createTrainingJob } from '../../src/cloud/customJobs-submit';
import { VertexClients } from '../../src/cloud/vertexClients';
import { toJobRequest } from '../../src/jobs/spec-convert';
import { analyzeSpec } from '../../src/jobs/spec-validate';
import { renderProject, writeProject } from '../../src/scaffold/render';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/core/emulator';
import type { JsonObject } from '../emulator/core/json';
import { seedArtifactRegistry } from '../emulator/artifactregistry/seed';
import { readTar } from '../emulator/cloudbuild/tar';
import { getObject, listObjects } from '../emulator/storage/objects';
import { dockerCli, dockerTestEnv } from './dockerEnv';

describe('local docker build and push (real dockerd and registry)', () => {
  const { env, registry, baseImage } = dockerTestEnv();
  let cli: ContainerCli;
  let builder: Extract<Builder, { kind: 'local' }>;
  let emu: Emulator;
  let conn: Connection;
  let scratch: string;
  let project: string;
  let specPath: string;
  const run = `${process.pid}-${Date.now()}`;
  const image = `${registry}/demo-project/training/demo-cpu-${run}`;

  before(async () => {
    cli = await dockerCli(env);
    builder = { kind: 'local', cli };
    emu = await startEmulator();
    seedArtifactRegistry(emu);
    conn = { project: 'demo-project', region: 'us-central1', transport: 'grpc', overrides: { aiplatform: emu.url, storage: emu.url, cloudbuild: emu.url, artifactregistry: emu.url } };
    scratch = await mkdtemp(join(tmpdir(), 'docker-build-test-'));
    project = join(scratch, 'demo');
    await writeProject(project, renderProject({ template: 'cpu-quickstart', packaging: 'custom-container', name: 'demo', project: 'demo-project' }));
    specPath = join(project, 'cpu.vertex.yaml');
    const spec = (await readFile(specPath, 'utf8'))
      .replaceAll('us-central1-docker.pkg.dev/demo-project/training/demo-cpu:latest', `${image}:latest`)
      .replace(/BASE_IMAGE: \S+/, `BASE_IMAGE: ${baseImage}`);
    await writeFile(specPath, spec);
  });
  after(async () => {
    await emu?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const prepare = async (text: string, chosen: Builder = builder) => {
    const analysis = analyzeSpec(text, specPath, {});
    assert.ok(analysis.spec);
    const lines: string[] = [];
    const prepared = await prepareLocalSections({
      conn, text, fileName: specPath, spec: analysis.spec, gitCommit: 'f'.repeat(40), builder: async () => chosen,
      onLine: (l) => lines.push(l), onStep: () => undefined,
    });
    return { prepared, lines };
  };

  it('builds the scaffolded project on the local base image, pushes it, pins the spec and submits that digest', async () => {
    const text = await readFile(specPath, 'utf8');
    const { prepared, lines } = await prepare(text);
    const built = prepared.image;
    assert.ok(built);
    assert.equal(built.reused, false);
    assert.ok(lines.some((l) => /^Step \d+\/\d+ : RUN /.test(l)), 'the build output is streamed');
    assert.deepEqual(await lookupTag(conn, built.repository, built.tag), { kind: 'found', digest: built.digest }, 'the registry has the tag');
    const labels = await runCli(cli.command, ['image', 'inspect', '--format', '{{index .Config.Labels "org.opencontainers.image.revision"}}', `${built.repository}:${built.tag}`], { env });
    assert.equal(labels.tail[0], 'f'.repeat(40), 'the git commit is a label');
    assert.match(prepared.text, new RegExp(`imageUri: ${built.pinned.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const pinned = analyzeSpec(prepared.text, specPath, {});
    assert.ok(pinned.spec);
    const clients = new VertexClients(conn);
    try {
      const job = await createTrainingJob(clients, toJobRequest(pinned.spec, { fallbackDisplayName: 'cpu' }));
      const stored = emu.store.collection<JsonObject>('customJobs').get(job.name);
      const pool = ((stored?.jobSpec as JsonObject).workerPoolSpecs as JsonObject[])[0];
      assert.equal((pool.containerSpec as JsonObject).imageUri, built.pinned);
    } finally {
      await clients.close();
    }

    const again = await prepare(prepared.text);
    assert.equal(again.prepared.image?.reused, true, 'an unchanged context is not built again');
    assert.equal(again.prepared.image?.digest, built.digest);
    assert.equal(again.prepared.text, prepared.text);
  });

  it('Cloud Build receives exactly the files a real docker build of the same context sees', async () => {
    const context = join(scratch, 'parity');
    const files: Record<string, string> = {
      'Dockerfile': `FROM ${baseImage}\nCOPY . /ctx\n`,
      '.dockerignore': ['data', '!data/keep.bin', '**/*.log', 'src/**/skip_*.py', '*.tmp', 'docs/*/draft.md', '!docs/a/draft.md', ''].join('\n'),
      'a.txt': 'a', 'b.tmp': 'b', 'src/main.py': 'm', 'src/sub/skip_me.py': 's', 'src/sub/keep.py': 'k', 'src/run.log': 'l',
      'data/big.bin': 'x', 'data/keep.bin': 'y', 'docs/a/draft.md': 'd', 'docs/b/draft.md': 'd', 'docs/b/final.md': 'f', 'deep/er/trace.log': 't',
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(context, path, '..'), { recursive: true });
      await writeFile(join(context, path), content);
    }
    // Docker's own context: the CLI reads the folder and its .dockerignore itself.
    const tag = `parity-${run}`;
    const build = await runCli(cli.command, ['build', '-q', '-t', tag, context], { env: { ...env, DOCKER_BUILDKIT: cli.classicBuilder ? '0' : '1' } });
    assert.equal(build.code, 0, build.tail.join('\n'));
    const listed = await runCli(cli.command, ['run', '--rm', '--entrypoint', 'find', tag, '/ctx', '-type', 'f'], { env });
    assert.equal(listed.code, 0, listed.tail.join('\n'));
    const dockerSees = listed.tail.map((l) => l.replace(/^\/ctx\//, '')).sort();

    await buildAndPushImage({
      conn, contextDir: context, image: 'us-central1-docker.pkg.dev/demo-project/training/parity', builder: { kind: 'cloud-build' },
      onLine: () => undefined, onStep: () => undefined,
    });
    const [source] = listObjects(emu.store, 'demo-project_cloudbuild', 'source/');
    assert.ok(source, 'the context was staged');
    const uploaded = readTar(getObject(emu.store, source.bucket, source.name)?.data ?? Buffer.alloc(0)).filter((e) => e.type === '0').map((e) => e.name).sort();
    assert.deepEqual(uploaded, dockerSees);
    assert.ok(dockerSees.includes('data/keep.bin') && !dockerSees.includes('data/big.bin'), 'the fixture exercises re-inclusion');
  });

  it('runs the job locally: built without a push, with the Vertex environment and the output folder mounted', async () => {
    const analysis = analyzeSpec(await readFile(specPath, 'utf8'), specPath, {});
    const build = analysis.spec?.local?.build;
    assert.ok(analysis.spec && build);
    const lines: string[] = [];
    const local = await buildLocalImage({
      contextDir: project, name: `vertex-local/demo-${run}`, builder, buildArgs: build.buildArgs ?? {},
      onLine: (l) => lines.push(l), onStep: () => undefined,
    });
    const outputDir = join(scratch, 'outputs');
    await mkdir(outputDir);
    const name = `vertex-local-test-${run}`;
    const plan = localRunPlan(analysis.spec, { outputDir, name, image: local });
    const code = await runLocally(cli, plan, name, (l) => lines.push(l));
    assert.equal(code, 0, lines.join('\n'));
    assert.ok(lines.includes('python stand-in: running trainer.task --c=1.0'), lines.join('\n'));
    assert.ok(lines.includes('AIP_MODEL_DIR=/vertex/output/model/'));
    assert.equal(await readFile(join(outputDir, 'model', 'model.txt'), 'utf8'), 'model trained with: --c=1.0\n');
    const again: string[] = [];
    assert.equal(await buildLocalImage({ contextDir: project, name: `vertex-local/demo-${run}`, builder, buildArgs: build.buildArgs ?? {}, onLine: (l) => again.push(l), onStep: () => undefined }), local);
    assert.match(again.join('\n'), /was built before from the same context/);
  });

  it('runs nothing when there is no Dockerfile, and leaves the spec as it was', async () => {
    const text = await readFile(specPath, 'utf8');
    const broken = text.replace('dockerfile: Dockerfile', 'dockerfile: Missing.Dockerfile');
    await assert.rejects(prepare(broken), (err: unknown) => err instanceof ImageBuildError && /There is no Dockerfile at .*Missing\.Dockerfile/.test(err.message));
    assert.equal(await readFile(specPath, 'utf8'), text);
  });

  it('says when the docker daemon is not running, and falls back to Cloud Build when allowed', async () => {
    const down = { ...env, DOCKER_HOST: `unix://${join(scratch, 'no-daemon.sock')}` };
    await assert.rejects(chooseBuilder('docker', undefined, down), /docker is installed, but its daemon does not answer .*Start Docker/);
    const auto = await chooseBuilder('auto', undefined, down);
    assert.equal(auto.builder.kind, 'cloud-build');
    assert.match(auto.fallbackReason ?? '', /daemon does not answer/);
  });

  it('a registry that refuses the push gives a clear message and no pinned spec', async () => {
    // As Artifact Registry does it: every call needs a token, and the token service says no.
    let port = 0;
    const denied = createServer((req, res) => {
      req.resume();
      if (req.url?.startsWith('/token')) {
        res.writeHead(403, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'Permission "artifactregistry.repositories.uploadArtifacts" denied on resource' }] }));
        return;
      }
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test"` })
        .end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
    });
    await new Promise<void>((resolve) => denied.listen(0, '127.0.0.1', resolve));
    try {
      port = (denied.address() as AddressInfo).port;
      const text = (await readFile(specPath, 'utf8')).replaceAll(image, `127.0.0.1:${port}/demo-project/training/denied`);
      await assert.rejects(prepare(text), /The registry refused the push of 127\.0\.0\.1:\d+\/demo-project\/training\/denied:[0-9a-f]+: denied: Permission .*uploadArtifacts.* \(on Artifact Registry: roles\/artifactregistry\.writer/);
    } finally {
      await new Promise((resolve) => denied.close(resolve));
    }
  });

  it('a registry that is not there gives a clear message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const text = (await readFile(specPath, 'utf8')).replaceAll(image, `127.0.0.1:${port}/demo-project/training/nowhere`);
    await assert.rejects(prepare(text), /The registry 127\.0\.0\.1:\d+ could not be reached to push .*connection refused/);
  });
});
