import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { createTrainingJob } from '../../src/cloud/customJobs-submit';
import { VertexClients } from '../../src/cloud/vertexClients';
import { toJobRequest } from '../../src/jobs/spec-convert';
import { analyzeSpecFile, blockingProblems } from '../../src/views/spec/specAnalysis';
import type { Emulator } from '../emulator/core/emulator';
import type { JsonObject } from '../emulator/core/json';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

/** The spec file as gcloud's --config takes it: without the fields only the extension reads. */
function stripped(text: string): string {
  const doc = parseDocument(text, { version: '1.1' });
  for (const key of ['displayName', 'labels', 'region', 'local', 'hyperparameterTuning']) doc.delete(key);
  return doc.toString();
}

/**
 * The extension's submit path (validation, conversion, the create call over gRPC and REST) and
 * `gcloud ai custom-jobs create --config` given the same spec file, stripped of what only the
 * extension reads, must make the same job: the emulator stores the same jobSpec for both.
 */
const SPECS: Record<string, string> = {
  GPU: `displayName: agree-gpu
region: us-central1
labels: {team: vision}
local:
  build: {image: "us-central1-docker.pkg.dev/demo-project/training/gpu:latest", context: .}
workerPoolSpecs:
  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}
    replicaCount: 1
    diskSpec: {bootDiskType: pd-ssd, bootDiskSizeGb: 200}
    containerSpec:
      imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest
      command: [python3, -m, trainer.task]
      args: ["--epochs=3", "yes"]
      env: [{name: MODE, value: "1"}]
baseOutputDirectory: {outputUriPrefix: gs://demo-project-vertex-staging/gpu}
`,
  'TPU v5e': `workerPoolSpecs:
  machineSpec: {machineType: ct5lp-hightpu-4t, tpuTopology: 2x2}
  replicaCount: 1
  containerSpec: {imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest, args: [--steps=100]}
scheduling: {timeout: 7200s}
`,
  'TPU v3': `workerPoolSpecs:
  - machineSpec: {machineType: cloud-tpu, acceleratorType: TPU_V3, acceleratorCount: 8}
    replicaCount: 1
    pythonPackageSpec:
      executorImageUri: us-docker.pkg.dev/vertex-ai/training/tf-tpu.2-15.cp310:latest
      packageUris: [gs://demo-project-vertex-staging/trainer-0.1.tar.gz]
      pythonModule: trainer.task
      args: [--steps, "100"]
`,
  distributed: `displayName: agree-distributed
serviceAccount: trainer@demo-project.iam.gserviceaccount.com
workerPoolSpecs:
  - machineSpec: {machineType: a2-highgpu-1g, acceleratorType: NVIDIA_TESLA_A100, acceleratorCount: 1}
    replicaCount: 1
    containerSpec: {imageUri: us-central1-docker.pkg.dev/demo-project/training/trainer:latest, args: [--dist]}
  - machineSpec: {machineType: a2-highgpu-1g, acceleratorType: NVIDIA_TESLA_A100, acceleratorCount: 1}
    replicaCount: 3
    containerSpec: {imageUri: us-central1-docker.pkg.dev/demo-project/training/trainer:latest, args: [--dist]}
  - machineSpec: {machineType: n1-highcpu-16}
    replicaCount: 2
    containerSpec: {imageUri: us-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest}
`,
  SPOT: `displayName: agree-spot
scheduling: {strategy: SPOT, timeout: 3600s, restartJobOnWorkerRestart: true}
workerPoolSpecs:
  - machineSpec: {machineType: n1-standard-8, acceleratorType: NVIDIA_TESLA_T4, acceleratorCount: 1}
    replicaCount: 1
    containerSpec: {imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest}
`,
};

describe('submission agrees with gcloud ai custom-jobs create --config', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  const clients: VertexClients[] = [];

  before(async () => {
    emu = await startEmulator();
    gcloud = await createGcloudHarness(emu);
    for (const transport of ['grpc', 'rest'] as const) {
      clients.push(new VertexClients({ project: 'demo-project', region: 'us-central1', transport, overrides: { aiplatform: emu.url } }));
    }
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await gcloud.dispose();
    await emu.stop();
  });

  const storedSpec = (name: string): JsonObject | undefined => emu.store.collection<JsonObject>('customJobs').get(name)?.jobSpec as JsonObject | undefined;

  for (const [kind, text] of Object.entries(SPECS)) {
    it(`${kind}: the same jobSpec`, async () => {
      const fileName = join(gcloud.configDir, `${kind.replace(/\W+/g, '-')}.vertex.yaml`);
      const analysis = analyzeSpecFile({ text, fileName, env: {}, defaultRegion: 'us-central1', exists: () => true, today: new Date('2026-01-01') });
      assert.deepEqual(blockingProblems(analysis.diagnostics).map((d) => d.message), []);
      assert.ok(analysis.spec);
      const request = toJobRequest(analysis.spec, { fallbackDisplayName: kind, autoLabels: { gitDirty: false, specPath: 'jobs/x.vertex.yaml' } });
      assert.equal(request.kind, 'customJob');

      const ours = await Promise.all(clients.map((c) => createTrainingJob(c, request)));
      const config = join(gcloud.configDir, `${kind.replace(/\W+/g, '-')}.config.yaml`);
      writeFileSync(config, stripped(text));
      const made = await gcloud.run<JsonObject>(['ai', 'custom-jobs', 'create', '--region=us-central1', `--display-name=${kind}`, `--config=${config}`]);
      assert.equal(made.code, 0, made.stderr);

      const theirs = storedSpec(String(made.json?.name));
      assert.ok(theirs, 'gcloud created a job');
      for (const job of ours) assert.deepEqual(storedSpec(job.name), theirs, `${job.name} against gcloud's ${String(made.json?.name)}`);
    });
  }
});
