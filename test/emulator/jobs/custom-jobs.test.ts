import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { rest } from '../core/test-clients';
import { logStoreOf } from '../logging/log-store';
import { startEmulator } from '../server';
import { createBucket, getObject, listObjects } from '../storage/objects';
import { CUSTOM_JOBS } from './job-store';

const PARENT = 'projects/p1/locations/us-central1';
const pool = (machineSpec: JsonObject, replicaCount = '1'): JsonObject => ({ machineSpec, replicaCount, containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest' } });
const cpu = { machineType: 'n1-standard-4' };

/** Every state each job passed through, recorded from the store's change events. */
function recordStates(emu: Emulator): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  emu.store.events.on('changed', (kind: string, name: string) => {
    if (kind !== CUSTOM_JOBS) return;
    const state = String(emu.store.collection<JsonObject>(CUSTOM_JOBS).get(name)?.state);
    const list = seen.get(name) ?? [];
    if (list[list.length - 1] !== state) list.push(state);
    seen.set(name, list);
  });
  return seen;
}

async function waitForState(emu: Emulator, name: string, state: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (emu.store.collection<JsonObject>(CUSTOM_JOBS).get(name)?.state !== state) {
    if (Date.now() > deadline) assert.fail(`${name} never reached ${state}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('custom jobs', () => {
  let emu: Emulator;
  let states: Map<string, string[]>;
  const create = (body: JsonObject) => rest(emu.url, 'POST', `/v1/${PARENT}/customJobs`, body);
  before(async () => {
    emu = await startEmulator({ timings: { jobQueuedMs: 20, jobPendingMs: 20, jobRunningMs: 250, logIntervalMs: 40 } });
    states = recordStates(emu);
    createBucket(emu.store, 'p1', 'out-bucket', { location: 'US-CENTRAL1', storageClass: 'STANDARD' });
  });
  after(() => emu.stop());

  const invalid: Array<[string, JsonObject, string, string]> = [
    ['missing workerPoolSpecs', { displayName: 'x', jobSpec: {} }, 'job_spec.worker_pool_specs', 'Required field is not set.'],
    ['accelerator without count', { displayName: 'x', jobSpec: { workerPoolSpecs: [pool({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4' })] } }, 'job_spec.worker_pool_specs[0].machine_spec.accelerator_type', 'Both `accelerator_type` and `accelerator_count` should be specified or none.'],
    ['machine and accelerator mismatch', { displayName: 'x', jobSpec: { workerPoolSpecs: [pool({ machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 })] } }, 'job_spec.worker_pool_specs[0].machine_spec', 'Accelerator "NVIDIA_TESLA_T4" is not supported for machine type "a2-highgpu-1g".'],
    ['TPU job with two replicas', { displayName: 'x', jobSpec: { workerPoolSpecs: [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' }, '2')] } }, 'job_spec.worker_pool_specs[0].replica_count', 'TPU'],
    ['missing display name', { jobSpec: { workerPoolSpecs: [pool(cpu)] } }, 'display_name', 'Required field is not set.'],
    ['no container or package', { displayName: 'x', jobSpec: { workerPoolSpecs: [{ machineSpec: cpu, replicaCount: '1' }] } }, 'job_spec.worker_pool_specs[0].task', 'One of container_spec or python_package_spec must be set.'],
  ];
  for (const [what, body, field, description] of invalid) {
    it(`rejects ${what} with INVALID_ARGUMENT and a field violation`, async () => {
      const r = await create(body);
      assert.equal(r.status, 400);
      const error = r.body.error as { message: string; status: string; details: Array<{ fieldViolations: Array<{ field: string; description: string }> }> };
      assert.equal(error.status, 'INVALID_ARGUMENT');
      assert.match(error.message, /^List of found errors:\t1\.Field: /);
      const v = error.details[0].fieldViolations.find((x) => x.field.startsWith(field));
      assert.ok(v, `a violation on ${field} in ${JSON.stringify(error.details)}`);
      assert.ok(v.description.includes(description), v.description);
    });
  }

  it('runs QUEUED → PENDING → RUNNING → SUCCEEDED, logs every replica and leaves model files', async () => {
    const r = await create({
      displayName: 'ok',
      labels: { team: 'ml' },
      jobSpec: { workerPoolSpecs: [pool({ machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }), pool(cpu, '2')], baseOutputDirectory: { outputUriPrefix: 'gs://out-bucket/run1' } },
    });
    assert.equal(r.status, 200);
    const name = String(r.body.name);
    assert.equal(r.body.state, 'JOB_STATE_QUEUED');
    assert.deepEqual((r.body.jobSpec as { workerPoolSpecs: Array<{ diskSpec: unknown }> }).workerPoolSpecs[0].diskSpec, { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 });
    await waitForState(emu, name, 'JOB_STATE_SUCCEEDED');
    assert.deepEqual(states.get(name), ['JOB_STATE_QUEUED', 'JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED']);
    const job = (await rest(emu.url, 'GET', `/v1/${name}`)).body;
    assert.ok(job.startTime && job.endTime && !job.error);
    const id = name.split('/').pop();
    const entries = logStoreOf(emu.store).entries().filter((e) => e.resource?.labels?.job_id === id);
    const tasks = new Set(entries.map((e) => e.resource?.labels?.task_name));
    assert.deepEqual([...tasks].sort(), ['service', 'workerpool0-0', 'workerpool1-0', 'workerpool1-1']);
    assert.ok(entries.every((e) => e.resource?.type === 'ml_job' && e.resource.labels?.project_id === 'p1'));
    assert.ok(entries.every((e) => ['INFO', 'WARNING'].includes(String(e.severity))), 'a successful run logs no errors');
    assert.equal(entries.find((e) => e.resource?.labels?.task_name === 'workerpool0-0')?.logName, 'projects/p1/logs/workerpool0-0');
    assert.deepEqual(listObjects(emu.store, 'out-bucket', 'run1/model/').map((o) => o.name), ['run1/model/model.pt']);
    assert.ok(getObject(emu.store, 'out-bucket', 'run1/model/model.pt'));
  });

  it('ends FAILED with an error and a Python traceback when told to fail', async () => {
    const r = await create({ displayName: 'bad', labels: { 'emulator-outcome': 'fail' }, jobSpec: { workerPoolSpecs: [pool(cpu)] } });
    const name = String(r.body.name);
    await waitForState(emu, name, 'JOB_STATE_FAILED');
    const job = (await rest(emu.url, 'GET', `/v1/${name}`)).body;
    assert.equal((job.error as { code: number }).code, 3);
    assert.match(String((job.error as { message: string }).message), /^The replica workerpool0-0 exited with a non-zero status of 1/);
    const errors = logStoreOf(emu.store).entries().filter((e) => e.resource?.labels?.job_id === name.split('/').pop() && e.severity === 'ERROR');
    const text = errors.map((e) => (e.jsonPayload as { message?: string } | undefined)?.message ?? e.textPayload).join('\n');
    assert.match(text, /^Traceback \(most recent call last\):$/m);
    assert.match(text, /^ValueError: /m);
  });

  it('cancels through CANCELLING to CANCELLED; finished jobs cannot be cancelled', async () => {
    const r = await create({ displayName: 'long', labels: { 'emulator-run-seconds': '60' }, jobSpec: { workerPoolSpecs: [pool(cpu)] } });
    const name = String(r.body.name);
    await waitForState(emu, name, 'JOB_STATE_RUNNING');
    const del = await rest(emu.url, 'DELETE', `/v1/${name}`);
    assert.equal(del.status, 400);
    assert.equal((del.body.error as { status: string }).status, 'FAILED_PRECONDITION');
    assert.equal((await rest(emu.url, 'POST', `/v1/${name}:cancel`, {})).status, 200);
    await waitForState(emu, name, 'JOB_STATE_CANCELLED');
    assert.deepEqual(states.get(name)?.slice(-3), ['JOB_STATE_RUNNING', 'JOB_STATE_CANCELLING', 'JOB_STATE_CANCELLED']);
    assert.deepEqual((await rest(emu.url, 'GET', `/v1/${name}`)).body.error, { code: 1, message: 'CANCELED' });
    const again = await rest(emu.url, 'POST', `/v1/${name}:cancel`, {});
    assert.equal((again.body.error as { status: string }).status, 'FAILED_PRECONDITION');
    const deleted = await rest(emu.url, 'DELETE', `/v1/${name}`);
    assert.equal(deleted.body.done, true);
    assert.equal((deleted.body.metadata as { '@type': string })['@type'], 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata');
    const gone = await rest(emu.url, 'GET', `/v1/${name}`);
    assert.equal(gone.status, 404);
    assert.equal((gone.body.error as { message: string }).message, 'The CustomJob does not exist.');
  });

  it('lists newest first with filter and pages through 10,000 synthetic jobs', async () => {
    const parent = 'projects/bench/locations/us-central1';
    const t0 = Date.now();
    const gen = await rest(emu.url, 'POST', '/emulator/v1/customJobs:generate', { parent, count: 10_000 });
    assert.deepEqual(gen.body, { created: 10_000, total: 10_000 });
    assert.ok(Date.now() - t0 < 5_000, 'generating is fast');
    let token = '';
    let count = 0;
    let previous = '9999';
    do {
      const page = await rest(emu.url, 'GET', `/v1/${parent}/customJobs?pageSize=1000${token ? `&pageToken=${token}` : ''}`);
      const items = page.body.customJobs as JsonObject[];
      for (const j of items) {
        assert.ok(String(j.createTime) <= previous, 'newest first');
        previous = String(j.createTime);
      }
      count += items.length;
      token = String(page.body.nextPageToken ?? '');
    } while (token);
    assert.equal(count, 10_000);
    const failed = await rest(emu.url, 'GET', `/v1/${parent}/customJobs?pageSize=1000&filter=${encodeURIComponent('state="JOB_STATE_FAILED" AND display_name:"synthetic-job-0000*"')}`);
    assert.equal((failed.body.customJobs as JsonObject[]).length, 3);
  });
});

describe('custom jobs across a restart with --state', () => {
  it('picks up a running job where the saved state left it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    const statePath = join(dir, 'state.json');
    try {
      const timings = { jobQueuedMs: 10, jobPendingMs: 10, jobRunningMs: 400, logIntervalMs: 50 };
      const first = await startEmulator({ statePath, timings });
      const r = await rest(first.url, 'POST', `/v1/${PARENT}/customJobs`, { displayName: 'persist', jobSpec: { workerPoolSpecs: [pool(cpu)] } });
      const name = String(r.body.name);
      await waitForState(first, name, 'JOB_STATE_RUNNING');
      await first.stop();
      const second = await startEmulator({ statePath, timings });
      try {
        assert.equal(second.store.collection<JsonObject>(CUSTOM_JOBS).get(name)?.state, 'JOB_STATE_RUNNING');
        await waitForState(second, name, 'JOB_STATE_SUCCEEDED');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
