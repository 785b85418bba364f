import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { autoLabels, toCustomJob, toHyperparameterTuningJob, toJobRequest } from '../../../src/jobs/spec-convert';
import { gcloudCommand, shellQuote } from '../../../src/jobs/spec-gcloud';
import { analyzeSpec } from '../../../src/jobs/spec-validate';
import type { JobSpecFile } from '../../../src/jobs/spec-types';

function load(yaml: string): JobSpecFile {
  const result = analyzeSpec(yaml, 'train.vertex.yaml', { substitutions: { gitSha: 'c0ffee', env: { BUCKET: 'my-bkt' } } });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  assert.ok(result.spec);
  return result.spec;
}

const GPU = `displayName: resnet
region: us-central1
labels: {team: vision}
local:
  build: {image: "us-central1-docker.pkg.dev/p/r/trainer:\${git.sha}", context: .}
scheduling: {strategy: SPOT, timeout: 7200s}
baseOutputDirectory: {outputUriPrefix: "gs://\${env:BUCKET}/runs"}
workerPoolSpecs:
  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}
    replicaCount: 1
    containerSpec:
      imageUri: "us-central1-docker.pkg.dev/p/r/trainer:\${git.sha}"
      args: [--epochs, "10"]
`;

const HP = `displayName: tune
hyperparameterTuning:
  maxTrialCount: 8
  studySpec:
    metrics: [{metricId: accuracy, goal: MAXIMIZE}]
    parameters:
      - {parameterId: lr, scaleType: UNIT_LOG_SCALE, doubleValueSpec: {minValue: 0.0001, maxValue: 0.1}}
    algorithm: RANDOM_SEARCH
workerPoolSpecs:
  - machineSpec: {machineType: n1-standard-4}
    replicaCount: 1
    containerSpec: {imageUri: gcr.io/p/i}
`;

describe('spec conversion', () => {
  it('builds a CustomJob without the local-only sections, with substituted values in proto3 JSON', () => {
    const body = toCustomJob(load(GPU), { fallbackDisplayName: 'train', autoLabels: { gitCommit: 'C0FFEE', gitDirty: true, specPath: 'jobs/GPU Train.vertex.yaml' } });
    assert.deepEqual(body, {
      displayName: 'resnet',
      labels: { team: 'vision', 'git-commit': 'c0ffee', 'git-dirty': 'true', 'spec-path': 'jobs-gpu-train-vertex-yaml' },
      jobSpec: {
        scheduling: { strategy: 'SPOT', timeout: '7200s' },
        baseOutputDirectory: { outputUriPrefix: 'gs://my-bkt/runs' },
        workerPoolSpecs: [{
          machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
          replicaCount: '1',
          containerSpec: { imageUri: 'us-central1-docker.pkg.dev/p/r/trainer:c0ffee', args: ['--epochs', '10'] },
        }],
      },
    });
  });

  it('keeps the file\'s labels over automatic ones and uses the fallback display name', () => {
    const spec = load(GPU.replace('displayName: resnet\n', '').replace('{team: vision}', '{team: vision, git-dirty: "no"}'));
    const body = toCustomJob(spec, { fallbackDisplayName: 'train', autoLabels: { gitDirty: false } });
    assert.equal(body.displayName, 'train');
    assert.deepEqual(body.labels, { team: 'vision', 'git-dirty': 'no' });
  });

  it('makes automatic labels label-safe and keeps the end of long paths', () => {
    const labels = autoLabels({ specPath: `${'very/long/folder/'.repeat(6)}My Job.vertex.yaml`, gitCommit: 'ABCDEF0123' });
    assert.equal(labels['git-commit'], 'abcdef0123');
    assert.ok(labels['spec-path'].length <= 63);
    assert.match(labels['spec-path'], /my-job-vertex-yaml$/);
    assert.match(labels['spec-path'], /^[a-z0-9]/);
  });

  it('builds a HyperparameterTuningJob whose trialJobSpec is the spec, with gcloud\'s trial count default', () => {
    const request = toJobRequest(load(HP), { fallbackDisplayName: 'x' });
    assert.equal(request.kind, 'hyperparameterTuningJob');
    const body = toHyperparameterTuningJob(load(HP), { fallbackDisplayName: 'x' });
    assert.equal(body.maxTrialCount, 8);
    assert.equal(body.parallelTrialCount, 1);
    assert.deepEqual(body.studySpec.metrics, [{ metricId: 'accuracy', goal: 'MAXIMIZE' }]);
    assert.deepEqual(body.trialJobSpec, { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i' } }] });
    assert.equal('hyperparameterTuning' in body.trialJobSpec, false);
  });
});

describe('gcloud command', () => {
  it('uses --worker-pool-spec flags when they can say everything', () => {
    const spec = load(`workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-8, acceleratorType: NVIDIA_TESLA_T4, acceleratorCount: 2}\n    replicaCount: 1\n    containerSpec: {imageUri: gcr.io/p/i, args: [--lr=0.1]}\nserviceAccount: t@p.iam.gserviceaccount.com\n`);
    const command = gcloudCommand(spec, { region: 'us-central1', displayName: 'my job', configPath: 'job.yaml' });
    assert.equal(command.configYaml, undefined);
    assert.equal(command.command, "gcloud ai custom-jobs create --region=us-central1 '--display-name=my job' --service-account=t@p.iam.gserviceaccount.com " +
      '--worker-pool-spec=machine-type=n1-standard-8,replica-count=1,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=2,container-image-uri=gcr.io/p/i --args=--lr=0.1');
  });

  it('falls back to --config for what the flags cannot carry, and notes gcloud\'s limits', () => {
    const spec = load(`${GPU}  - {}\n  - machineSpec: {machineType: n1-standard-4}\n    replicaCount: 1\n    containerSpec: {imageUri: gcr.io/p/rs}\n`);
    const command = gcloudCommand(spec, { region: 'us-central1', displayName: 'x', configPath: '/tmp/job config.yaml', project: 'p' });
    assert.match(command.command, /^gcloud ai custom-jobs create --region=us-central1 --display-name=resnet --project=p --labels=team=vision '--config=\/tmp\/job config\.yaml'$/);
    assert.match(command.configYaml ?? '', /^scheduling:\n {2}strategy: SPOT/);
    assert.doesNotMatch(command.configYaml ?? '', /local|region|displayName|labels/);
    assert.equal(command.notes.length, 1);
  });

  it('uses hp-tuning-jobs for a tuning spec', () => {
    const command = gcloudCommand(load(HP), { region: 'europe-west4', displayName: 'x', configPath: 'hp.yaml' });
    assert.deepEqual(command.args.slice(0, 3), ['ai', 'hp-tuning-jobs', 'create']);
    assert.match(command.configYaml ?? '', /trialJobSpec:/);
  });

  it('quotes for a POSIX shell', () => {
    assert.equal(shellQuote('a,b=c:/d'), 'a,b=c:/d');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
