// Agreement with gcloud's own `--config` loader: the spec without its local-only sections, written
// where gcloud reads it, must make gcloud send the same jobSpec the extension would send. A tiny
// HTTP server on 127.0.0.1 stands in for the API: it records the request and answers 400.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCustomJob, toHyperparameterTuningJob } from '../../../src/jobs/spec-convert';
import { gcloudCommand, gcloudConfigYaml } from '../../../src/jobs/spec-gcloud';
import { analyzeSpec } from '../../../src/jobs/spec-validate';
import type { JobSpecFile } from '../../../src/jobs/spec-types';

const hasGcloud = spawnSync('gcloud', ['--version'], { stdio: 'ignore', env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' } }).status === 0;

const SPECS: Record<string, string> = {
  'GPU on SPOT with local build': `displayName: gpu
region: us-central1
local:
  build: {image: "us-central1-docker.pkg.dev/p/r/t:\${git.sha}", context: .}
scheduling: {strategy: SPOT, timeout: 3600s, restartJobOnWorkerRestart: yes}
baseOutputDirectory: {outputUriPrefix: gs://bkt/out}
workerPoolSpecs:
  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: "1"}
    replicaCount: 1
    diskSpec: {bootDiskType: pd-ssd, bootDiskSizeGb: 200}
    containerSpec:
      imageUri: "us-central1-docker.pkg.dev/p/r/t:\${git.sha}"
      args: ["--epochs=3", "yes"]
      env: [{name: MODE, value: "1"}]
`,
  'TPU v5e': `workerPoolSpecs:
  machineSpec: {machineType: ct5lp-hightpu-4t, tpuTopology: 2x2}
  replicaCount: 1
  containerSpec: {imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest, command: [python3, -m, train]}
`,
  'TPU v3 with a Python package': `workerPoolSpecs:
  - machineSpec: {machineType: cloud-tpu, acceleratorType: 7, acceleratorCount: 8}
    replicaCount: 1
    pythonPackageSpec:
      executorImageUri: us-docker.pkg.dev/vertex-ai/training/tf-tpu.2-15.cp310:latest
      packageUris: [gs://bkt/trainer-0.1.tar.gz]
      pythonModule: trainer.task
      args: [--steps, "100"]
`,
};

const DISTRIBUTED = `displayName: dist
labels: {team: ml}
serviceAccount: trainer@p.iam.gserviceaccount.com
workerPoolSpecs:
  - machineSpec: {machineType: a2-highgpu-1g, acceleratorType: NVIDIA_TESLA_A100, acceleratorCount: 1}
    replicaCount: 1
    containerSpec: {imageUri: gcr.io/p/i, args: [--dist]}
  - machineSpec: {machineType: a2-highgpu-1g, acceleratorType: NVIDIA_TESLA_A100, acceleratorCount: 1}
    replicaCount: 3
    containerSpec: {imageUri: gcr.io/p/i, args: [--dist]}
`;

const TUNING = `hyperparameterTuning:
  maxTrialCount: 6
  parallelTrialCount: 2
  studySpec:
    metrics: [{metricId: loss, goal: MINIMIZE}]
    parameters:
      - {parameterId: lr, scaleType: UNIT_LOG_SCALE, doubleValueSpec: {minValue: 0.0001, maxValue: 0.1}}
      - {parameterId: layers, integerValueSpec: {minValue: 2, maxValue: 8}}
workerPoolSpecs:
  - machineSpec: {machineType: n1-standard-4}
    replicaCount: 1
    containerSpec: {imageUri: gcr.io/p/i}
`;

function load(yaml: string): JobSpecFile {
  const result = analyzeSpec(yaml, 'job.vertex.yaml', { substitutions: { gitSha: 'abc123' }, defaultRegion: 'us-central1' });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`), []);
  assert.ok(result.spec);
  return result.spec;
}

describe('gcloud agreement', { skip: hasGcloud ? false : 'gcloud is not installed', concurrency: 2 }, () => {
  let server: Server;
  let scratch: string;
  const requests: { url: string; body: Record<string, unknown> }[] = [];
  let runs = 0;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'spec-gcloud-'));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body: body ? JSON.parse(body) as Record<string, unknown> : {} });
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 400, message: 'recorded by the test', status: 'INVALID_ARGUMENT' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs gcloud against the recorder and returns the body it sent to `collection`; each run has its own project. */
  async function sent(args: string[], collection: string): Promise<Record<string, unknown>> {
    const project = `p${++runs}`;
    const config = mkdtempSync(join(scratch, 'cfg-'));
    const { port } = server.address() as AddressInfo;
    const env = { ...process.env, CLOUDSDK_CONFIG: config, CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: `http://127.0.0.1:${port}/`,
      CLOUDSDK_AUTH_DISABLE_CREDENTIALS: 'true', CLOUDSDK_CORE_DISABLE_PROMPTS: '1', CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true' };
    const output = await new Promise<string>((resolve) => {
      execFile('gcloud', [...args.filter((a) => !a.startsWith('--project=')), `--project=${project}`], { env, timeout: 60_000 },
        (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
    });
    const url = `/v1/projects/${project}/locations/us-central1/${collection}?`;
    const request = requests.find((r) => r.url.startsWith(url));
    assert.ok(request, `gcloud sent no request to ${url}; it said:\n${output}`);
    assert.match(output, /recorded by the test/);
    return request.body;
  }

  for (const [name, yaml] of Object.entries(SPECS)) {
    it(`${name}: gcloud --config sends our jobSpec`, async () => {
      const spec = load(yaml);
      const file = join(scratch, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, gcloudConfigYaml(spec));
      const body = await sent(['ai', 'custom-jobs', 'create', `--config=${file}`, '--region=us-central1', '--display-name=x'], 'customJobs');
      assert.deepEqual(body.jobSpec, toCustomJob(spec, { fallbackDisplayName: 'x' }).jobSpec);
    });
  }

  it('distributed: the copied --worker-pool-spec command sends our CustomJob', async () => {
    const spec = load(DISTRIBUTED);
    const command = gcloudCommand(spec, { region: 'us-central1', displayName: 'x', configPath: 'unused.yaml', autoLabels: { gitDirty: true } });
    assert.equal(command.configYaml, undefined, 'the flags form');
    const body = await sent(command.args, 'customJobs');
    const ours = toCustomJob(spec, { fallbackDisplayName: 'x', autoLabels: { gitDirty: true } });
    assert.deepEqual(body, { displayName: ours.displayName, labels: ours.labels, jobSpec: ours.jobSpec });
  });

  it('hyperparameter tuning: the copied command and its config send our HyperparameterTuningJob', async () => {
    const spec = load(TUNING);
    const configPath = join(scratch, 'tuning.yaml');
    const command = gcloudCommand(spec, { region: 'us-central1', displayName: 'tune', configPath });
    writeFileSync(configPath, command.configYaml ?? '');
    const body = await sent(command.args, 'hyperparameterTuningJobs');
    assert.deepEqual(body, toHyperparameterTuningJob(spec, { fallbackDisplayName: 'tune' }));
  });
});
