import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planSubmission } from '../../../src/commands/submitPlan';
import { specStem } from '../../../src/views/spec/specFileNames';
import type { PlanInput } from '../../../src/commands/submitPlan';

const GPU = `displayName: gpu-run
workerPoolSpecs:
  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}
    replicaCount: 1
    containerSpec:
      imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest
      args: ["--sha=\${git.sha}"]
serviceAccount: trainer@p.iam.gserviceaccount.com
`;

const input = (text: string, extra: Partial<PlanInput> = {}): PlanInput => ({
  text, fileName: '/ws/jobs/train.vertex.yaml', workspaceFolder: '/ws', relativePath: 'jobs/train.vertex.yaml',
  env: {}, gitSha: 'ABC123def', gitDirty: true, defaultRegion: 'us-central1', exists: () => true, today: new Date('2026-01-01'), ...extra,
});

describe('planning a submission', () => {
  test('a complete spec becomes a CustomJob with substitutions and automatic labels', () => {
    const plan = planSubmission(input(GPU));
    assert.equal(plan.ok, true);
    if (!plan.ok) return;
    assert.equal(plan.request.kind, 'customJob');
    assert.equal(plan.region, 'us-central1');
    assert.deepEqual(plan.request.body.labels, { 'git-commit': 'abc123def', 'git-dirty': 'true', 'spec-path': 'jobs-train-vertex-yaml' });
    const pool = (plan.request.body as unknown as { jobSpec: { workerPoolSpecs: { containerSpec: { args: string[] } }[] } }).jobSpec.workerPoolSpecs[0];
    assert.deepEqual(pool.containerSpec.args, ['--sha=ABC123def']);
    assert.deepEqual(plan.images, ['us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest']);
    assert.equal(plan.serviceAccount, 'trainer@p.iam.gserviceaccount.com');
    assert.deepEqual(plan.registryImages, [], 'prebuilt images are not looked up');
  });

  test('images in the project\'s Artifact Registry are listed for the existence check', () => {
    const plan = planSubmission(input(GPU.replace('us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest', 'us-central1-docker.pkg.dev/p/training/trainer:v1')));
    assert.deepEqual(plan.ok && plan.registryImages, ['us-central1-docker.pkg.dev/p/training/trainer:v1']);
  });

  test('the file name names a job that has no displayName; the file\'s region wins', () => {
    const plan = planSubmission(input(GPU.replace('displayName: gpu-run\n', 'region: europe-west4\n')));
    assert.ok(plan.ok);
    assert.equal(plan.request.body.displayName, 'train');
    assert.equal(plan.region, 'europe-west4');
  });

  test('a hyperparameterTuning block makes a tuning job', () => {
    const plan = planSubmission(input(`${GPU}hyperparameterTuning:
  maxTrialCount: 4
  studySpec:
    metrics: [{metricId: loss, goal: MINIMIZE}]
    parameters: [{parameterId: lr, doubleValueSpec: {minValue: 0.001, maxValue: 0.1}, scaleType: UNIT_LOG_SCALE}]
`));
    assert.equal(plan.ok && plan.request.kind, 'hyperparameterTuningJob');
  });

  test('errors stop it, with the problems to show', () => {
    const plan = planSubmission(input(GPU.replace('acceleratorCount: 1', 'acceleratorCount: 2')));
    assert.equal(plan.ok, false);
    assert.equal(!plan.ok && plan.reason, 'invalid');
    assert.deepEqual(!plan.ok && plan.reason === 'invalid' && plan.errors.map((e) => e.rule), ['accelerator-count']);
  });

  test('a substitution with no value is an error', () => {
    const plan = planSubmission(input(GPU, { gitSha: undefined }));
    assert.deepEqual(!plan.ok && plan.reason === 'invalid' && plan.errors.map((e) => e.rule), ['substitution-git']);
  });

  test('an accelerator the region table does not list warns but does not block', () => {
    const plan = planSubmission(input(GPU, { defaultRegion: 'southamerica-east1' }));
    assert.equal(plan.ok, true, JSON.stringify(!plan.ok && plan.reason === 'invalid' ? plan.errors : plan));
    assert.ok(plan.ok && plan.warnings.some((w) => w.rule === 'region-accelerator'));
  });

  test('malformed YAML is refused, never thrown', () => {
    const plan = planSubmission(input('workerPoolSpecs: [\n'));
    assert.equal(!plan.ok && plan.reason, 'invalid');
  });

  test('an unbuilt local.build stops with the reason instead of submitting a wrong image; once built it goes', () => {
    const text = `workerPoolSpecs:
  - machineSpec: {machineType: n1-standard-4}
    replicaCount: 1
    containerSpec: {imageUri: us-central1-docker.pkg.dev/p/r/trainer:latest}
local:
  build: {image: us-central1-docker.pkg.dev/p/r/trainer:latest, context: .}
`;
    const plan = planSubmission(input(text));
    assert.equal(!plan.ok && plan.reason, 'local-build');
    assert.match(!plan.ok && plan.reason === 'local-build' ? plan.message : '', /it was not built\. Nothing was submitted/);
    assert.equal(planSubmission(input(text, { localPrepared: true })).ok, true);
  });
});

test('spec file stems', () => {
  assert.equal(specStem('/a/train.vertex.yaml'), 'train');
  assert.equal(specStem('/a/tpu.vertex.json'), 'tpu');
});
