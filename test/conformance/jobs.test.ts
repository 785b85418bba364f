import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../emulator/core/emulator';
import type { JsonObject } from '../emulator/core/json';
import { rest } from '../emulator/core/test-clients';
import { CUSTOM_JOBS, HP_TUNING_JOBS } from '../emulator/jobs/job-store';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

/**
 * gcloud 528 (`gcloud ai custom-jobs` / `hp-tuning-jobs`, GA track, v1 REST) against the
 * emulator. What gcloud prints comes from the API's answer, so stdout must be exactly the
 * resource the API serves, and stderr gcloud's own messages for that resource.
 */
const REGION = 'us-central1';
const IMAGE = 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest';

describe('gcloud ai custom-jobs and hp-tuning-jobs', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  const apiGet = async (name: string) => (await rest(emu.url, 'GET', `/v1/${name}`)).body;
  const waitFor = async (kind: string, name: string, state: string) => {
    const deadline = Date.now() + 10_000;
    while (emu.store.collection<JsonObject>(kind).get(name)?.state !== state) {
      if (Date.now() > deadline) assert.fail(`${name} never reached ${state}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  let specJob = '';
  let configJob = '';

  before(async () => {
    emu = await startEmulator({ timings: { jobQueuedMs: 100, jobPendingMs: 100, jobRunningMs: 500, trialMs: 100 } });
    gcloud = await createGcloudHarness(emu);
  });
  after(async () => {
    await gcloud.dispose();
    await emu.stop();
  });

  it('creates a job from --worker-pool-spec and prints the created CustomJob', async () => {
    const r = await gcloud.run<JsonObject>([
      'ai', 'custom-jobs', 'create', `--region=${REGION}`, '--display-name=spec-job', '--labels=team=ml,emulator-run-seconds=600',
      `--worker-pool-spec=machine-type=g2-standard-8,replica-count=1,accelerator-type=NVIDIA_L4,accelerator-count=1,container-image-uri=${IMAGE}`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    specJob = String(r.json?.name);
    assert.match(specJob, /^projects\/\d+\/locations\/us-central1\/customJobs\/\d+$/);
    assert.equal(r.json?.state, 'JOB_STATE_QUEUED');
    assert.deepEqual((r.json?.jobSpec as { workerPoolSpecs: JsonObject[] }).workerPoolSpecs[0].machineSpec, { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 });
    assert.deepEqual(r.json?.labels, { team: 'ml', 'emulator-run-seconds': '600' });
    assert.ok(r.stderr.includes(`CustomJob [${specJob}] is submitted successfully.`), r.stderr);
    assert.ok(r.stderr.includes(`$ gcloud ai custom-jobs stream-logs ${specJob}`));
  });

  it('creates a TPU v5e job from --config', async () => {
    const config = join(gcloud.configDir, 'tpu-v5e.yaml');
    writeFileSync(config, [
      'workerPoolSpecs:',
      '  - machineSpec:',
      '      machineType: ct5lp-hightpu-4t',
      '      tpuTopology: 2x2',
      '    replicaCount: 1',
      '    containerSpec:',
      '      imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest',
      '      args: ["--epochs=3"]',
      'baseOutputDirectory:',
      '  outputUriPrefix: gs://demo-project-vertex-staging/tpu-run',
      'scheduling:',
      '  timeout: 7200s',
      '',
    ].join('\n'));
    const r = await gcloud.run<JsonObject>(['ai', 'custom-jobs', 'create', `--region=${REGION}`, '--display-name=tpu-v5e', `--config=${config}`]);
    assert.equal(r.code, 0, r.stderr);
    configJob = String(r.json?.name);
    const spec = (await apiGet(configJob)).jobSpec as JsonObject;
    assert.deepEqual((spec.workerPoolSpecs as JsonObject[])[0].machineSpec, { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' });
    assert.deepEqual(spec.baseOutputDirectory, { outputUriPrefix: 'gs://demo-project-vertex-staging/tpu-run' });
    assert.deepEqual(spec.scheduling, { timeout: '7200s' });
  });

  it('shows the API error for an accelerator the machine does not take, as gcloud shows INVALID_ARGUMENT', async () => {
    const r = await gcloud.run(['ai', 'custom-jobs', 'create', `--region=${REGION}`, '--display-name=bad',
      `--worker-pool-spec=machine-type=a2-highgpu-1g,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1,container-image-uri=${IMAGE}`], { json: false });
    assert.equal(r.code, 1);
    const field = 'job_spec.worker_pool_specs[0].machine_spec.accelerator_type';
    const message = 'Accelerator "NVIDIA_TESLA_T4" is not supported for machine type "a2-highgpu-1g".';
    assert.ok(r.stderr.includes(`ERROR: (gcloud.ai.custom-jobs.create) INVALID_ARGUMENT: List of found errors:\t1.Field: ${field}; Message: ${message}\t\n`), r.stderr);
    assert.ok(r.stderr.includes(`- '@type': type.googleapis.com/google.rpc.BadRequest\n  fieldViolations:\n  - description: ${message}\n    field: ${field}\n`), r.stderr);
    assert.equal(r.stdout, '');
  });

  it('lists and describes exactly what the API serves', async () => {
    const list = await gcloud.run<JsonObject[]>(['ai', 'custom-jobs', 'list', `--region=${REGION}`]);
    assert.equal(list.code, 0, list.stderr);
    const listed = list.json ?? [];
    assert.deepEqual(listed.map((j) => j.name).sort(), [specJob, configJob].sort());
    const describe = await gcloud.run<JsonObject>(['ai', 'custom-jobs', 'describe', specJob.split('/').pop()!, `--region=${REGION}`]);
    assert.equal(describe.code, 0, describe.stderr);
    assert.deepEqual(describe.json, await apiGet(specJob));
    assert.deepEqual(listed.find((j) => j.name === configJob)?.displayName, 'tpu-v5e');
  });

  it('cancels a running job', async () => {
    await waitFor(CUSTOM_JOBS, specJob, 'JOB_STATE_RUNNING');
    const id = specJob.split('/').pop()!;
    const r = await gcloud.run(['ai', 'custom-jobs', 'cancel', id, `--region=${REGION}`], { json: false });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.includes(`Request to cancel CustomJob [projects/demo-project/locations/${REGION}/customJobs/${id}] has been sent.`), r.stderr);
    await waitFor(CUSTOM_JOBS, specJob, 'JOB_STATE_CANCELLED');
  });

  it('creates, lists and describes a hyperparameter tuning job', async () => {
    const config = join(gcloud.configDir, 'hp.yaml');
    writeFileSync(config, [
      'studySpec:',
      '  metrics:',
      '    - metricId: accuracy',
      '      goal: MAXIMIZE',
      '  parameters:',
      '    - parameterId: learning_rate',
      '      doubleValueSpec: {minValue: 0.0001, maxValue: 0.1}',
      '      scaleType: UNIT_LOG_SCALE',
      '    - parameterId: batch_size',
      '      discreteValueSpec: {values: [32, 64]}',
      'trialJobSpec:',
      '  workerPoolSpecs:',
      '    - machineSpec: {machineType: n1-standard-4}',
      '      replicaCount: 1',
      `      containerSpec: {imageUri: "${IMAGE}"}`,
      '',
    ].join('\n'));
    const created = await gcloud.run(['ai', 'hp-tuning-jobs', 'create', `--region=${REGION}`, '--display-name=sweep', `--config=${config}`, '--max-trial-count=4', '--parallel-trial-count=2'], { json: false });
    assert.equal(created.code, 0, created.stderr);
    const id = /Hyperparameter tuning job \[(\d+)\] submitted successfully/.exec(created.stderr)?.[1];
    assert.ok(id, created.stderr);
    assert.ok(created.stderr.includes('Job State: JOB_STATE_QUEUED'));
    const name = [...emu.store.collection<JsonObject>(HP_TUNING_JOBS).keys()].find((n) => n.endsWith(`/${id}`))!;
    await waitFor(HP_TUNING_JOBS, name, 'JOB_STATE_SUCCEEDED');
    const list = await gcloud.run<JsonObject[]>(['ai', 'hp-tuning-jobs', 'list', `--region=${REGION}`]);
    assert.deepEqual(list.json?.map((j) => j.name), [name]);
    const describe = await gcloud.run<JsonObject>(['ai', 'hp-tuning-jobs', 'describe', id, `--region=${REGION}`]);
    assert.deepEqual(describe.json, await apiGet(name));
    const trials = describe.json?.trials as JsonObject[];
    assert.equal(trials.length, 4);
    assert.ok(trials.every((t) => t.state === 'SUCCEEDED' && (t.finalMeasurement as JsonObject).metrics));
    assert.equal(describe.json?.maxTrialCount, 4);
  });
});
