import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { rest } from '../core/test-clients';
import { startEmulator } from '../server';
import { HP_TUNING_JOBS } from './job-store';
import { trainingLine } from './training-log';
import { bestTrialId, sampleParameters } from './trials';

const PARENT = 'projects/p1/locations/us-central1';
const studySpec: JsonObject = {
  metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }],
  parameters: [
    { parameterId: 'lr', doubleValueSpec: { minValue: 0.001, maxValue: 0.1 }, scaleType: 'UNIT_LOG_SCALE' },
    { parameterId: 'layers', integerValueSpec: { minValue: '2', maxValue: '8' } },
    { parameterId: 'opt', categoricalValueSpec: { values: ['adam', 'sgd'] } },
  ],
};
const trialJobSpec = { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i' } }] };

async function until(emu: Emulator, name: string, ok: (job: JsonObject) => boolean, timeoutMs = 5_000): Promise<JsonObject> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = emu.store.collection<JsonObject>(HP_TUNING_JOBS).get(name);
    if (job && ok(job)) return job;
    if (Date.now() > deadline) assert.fail(`condition never met for ${name}: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('hyperparameter tuning jobs', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ timings: { jobQueuedMs: 10, jobPendingMs: 10, trialMs: 60 } });
  });
  after(() => emu.stop());

  it('runs trials over time, parallelTrialCount at a time, until maxTrialCount', async () => {
    const r = await rest(emu.url, 'POST', `/v1/${PARENT}/hyperparameterTuningJobs`, { displayName: 'sweep', studySpec, maxTrialCount: 5, parallelTrialCount: 2, trialJobSpec });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const name = String(r.body.name);
    const partway = await until(emu, name, (j) => Array.isArray(j.trials) && j.trials.length > 0);
    assert.ok((partway.trials as JsonObject[]).length <= 2, 'no more than two trials at once at first');
    const done = await until(emu, name, (j) => j.state === 'JOB_STATE_SUCCEEDED');
    const trials = done.trials as JsonObject[];
    assert.deepEqual(trials.map((t) => t.id), ['1', '2', '3', '4', '5']);
    for (const t of trials) {
      assert.equal(t.state, 'SUCCEEDED');
      assert.deepEqual((t.parameters as JsonObject[]).map((p) => p.parameterId), ['lr', 'layers', 'opt']);
      const metric = ((t.finalMeasurement as JsonObject).metrics as JsonObject[])[0];
      assert.equal(metric.metricId, 'accuracy');
      assert.ok(Number(metric.value) > 0.5 && Number(metric.value) < 1);
    }
    const fetched = await rest(emu.url, 'GET', `/v1/${name}`);
    assert.deepEqual(fetched.body.trials, trials, 'REST shows the same trials');
    const best = bestTrialId(done);
    const values = trials.map((t) => Number((((t.finalMeasurement as JsonObject).metrics as JsonObject[])[0]).value));
    assert.equal(best, trials[values.indexOf(Math.max(...values))].id);
    const listed = await rest(emu.url, 'GET', `/v1/${PARENT}/hyperparameterTuningJobs`);
    assert.equal((listed.body.hyperparameterTuningJobs as JsonObject[])[0].name, name);
  });

  it('validates the study and the trial job spec', async () => {
    const r = await rest(emu.url, 'POST', `/v1/${PARENT}/hyperparameterTuningJobs`, {
      displayName: 'bad',
      studySpec: { metrics: [], parameters: [{ parameterId: 'lr', doubleValueSpec: { minValue: 1, maxValue: 0.1 } }] },
      maxTrialCount: 0,
      parallelTrialCount: 1,
      trialJobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4' }, replicaCount: '1', containerSpec: { imageUri: 'i' } }] },
    });
    assert.equal(r.status, 400);
    const fields = ((r.body.error as JsonObject).details as Array<{ fieldViolations: Array<{ field: string }> }>)[0].fieldViolations.map((v) => v.field);
    for (const f of ['study_spec.metrics', 'study_spec.parameters[0].double_value_spec', 'max_trial_count', 'trial_job_spec.worker_pool_specs[0].machine_spec.accelerator_type']) {
      assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
    }
  });

  it('cancels a running sweep', async () => {
    const r = await rest(emu.url, 'POST', `/v1/${PARENT}/hyperparameterTuningJobs`, { displayName: 'long', studySpec, maxTrialCount: 50, parallelTrialCount: 1, trialJobSpec });
    const name = String(r.body.name);
    await until(emu, name, (j) => j.state === 'JOB_STATE_RUNNING');
    assert.equal((await rest(emu.url, 'POST', `/v1/${name}:cancel`, {})).status, 200);
    const job = await until(emu, name, (j) => j.state === 'JOB_STATE_CANCELLED');
    assert.deepEqual(job.error, { code: 1, message: 'CANCELED' });
    assert.ok((job.trials as JsonObject[]).length < 50);
  });
});

describe('simulated training output', () => {
  it('is deterministic per job and tells a plausible story', () => {
    const spec = { workerPoolSpecs: [{ machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 }, containerSpec: { imageUri: 'i', args: ['--epochs=3'] } }] };
    const lines = Array.from({ length: 30 }, (_, tick) => trainingLine('42', spec, 'workerpool0-0', tick));
    assert.deepEqual(lines, Array.from({ length: 30 }, (_, tick) => trainingLine('42', spec, 'workerpool0-0', tick)));
    assert.equal(lines[0].message, 'Running container i with --epochs=3');
    assert.equal(lines[1].message, 'Using device: cuda (1 x NVIDIA_TESLA_A100)');
    assert.equal(lines.filter((l) => l.severity === 'WARNING').length, 1);
    const losses = lines.map((l) => /Epoch (\d+) done: loss=([\d.]+)/.exec(l.message)).filter((m) => m).map((m) => Number(m![2]));
    assert.ok(losses.length >= 2 && losses[losses.length - 1] < losses[0], 'loss falls from epoch to epoch');
  });

  it('samples parameters inside their ranges', () => {
    for (let n = 1; n <= 20; n++) {
      const [lr, layers, opt] = sampleParameters('7', studySpec, n);
      assert.ok(Number(lr.value) >= 0.001 && Number(lr.value) <= 0.1);
      assert.ok(Number.isInteger(layers.value) && Number(layers.value) >= 2 && Number(layers.value) <= 8);
      assert.ok(['adam', 'sgd'].includes(String(opt.value)));
    }
  });
});
