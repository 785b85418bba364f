import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JsonObject } from '../core/json';
import { rest } from '../core/test-clients';
import { CUSTOM_JOBS, HP_TUNING_JOBS } from '../jobs/job-store';
import { logStoreOf } from '../logging/log-store';
import { startEmulator } from '../server';
import { listObjects } from '../storage/objects';

describe('demo seed', () => {
  it('has demo-project jobs in every state, GPU and TPU, one running and logging', async () => {
    const emu = await startEmulator({ seed: 'demo', timings: { jobQueuedMs: 20, jobPendingMs: 20, logIntervalMs: 20 } });
    try {
      const r = await rest(emu.url, 'GET', '/v1/projects/demo-project/locations/us-central1/customJobs');
      const jobs = r.body.customJobs as JsonObject[];
      const states = new Set(jobs.map((j) => j.state));
      for (const s of ['QUEUED', 'PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED']) assert.ok(states.has(`JOB_STATE_${s}`), s);
      const machines = jobs.map((j) => JSON.stringify(j.jobSpec));
      assert.ok(machines.some((m) => m.includes('acceleratorType')), 'a GPU job');
      assert.ok(machines.some((m) => m.includes('tpuTopology')), 'a TPU job');
      const running = jobs.find((j) => j.state === 'JOB_STATE_RUNNING')!;
      const id = String(running.name).split('/').pop();
      const before = logStoreOf(emu.store).entries().filter((e) => e.resource?.labels?.job_id === id).length;
      await new Promise((res) => setTimeout(res, 200));
      const after = logStoreOf(emu.store).entries().filter((e) => e.resource?.labels?.job_id === id).length;
      assert.ok(after > before, 'the running job keeps writing logs');
      const later = (await rest(emu.url, 'GET', '/v1/projects/demo-project/locations/us-central1/customJobs')).body.customJobs as JsonObject[];
      const stateOf = (suffix: string) => later.find((j) => String(j.displayName).endsWith(suffix))?.state;
      assert.equal(stateOf('-queued'), 'JOB_STATE_QUEUED', 'the queued demo job waits beyond the emulator timings');
      assert.equal(stateOf('-pending'), 'JOB_STATE_PENDING', 'the pending demo job waits beyond the emulator timings');
      assert.equal(stateOf('-running'), 'JOB_STATE_RUNNING');
      const failed = jobs.find((j) => j.state === 'JOB_STATE_FAILED')!;
      const failedLogs = logStoreOf(emu.store).entries().filter((e) => e.resource?.labels?.job_id === String(failed.name).split('/').pop());
      assert.ok(failedLogs.some((e) => (e.jsonPayload as { message?: string } | undefined)?.message === 'Traceback (most recent call last):'));
      assert.ok(listObjects(emu.store, 'demo-project-vertex-staging').some((o) => o.name.endsWith('/model/model.pt')), 'finished jobs left models');
      const hp = await rest(emu.url, 'GET', '/v1/projects/demo-project/locations/us-central1/hyperparameterTuningJobs');
      assert.equal((hp.body.hyperparameterTuningJobs as JsonObject[]).length, 2);
      for (const kind of ['models', 'endpoints', 'datasets', 'storage.buckets', 'artifactregistry.repositories']) {
        assert.ok(emu.store.collection(kind).size > 0, `${kind} seeded`);
      }
    } finally {
      await emu.stop();
    }
  });

  it('does not seed twice over a saved state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-seed-'));
    const statePath = join(dir, 'state.json');
    try {
      const first = await startEmulator({ seed: 'demo', statePath });
      const counts = [first.store.collection(CUSTOM_JOBS).size, first.store.collection(HP_TUNING_JOBS).size];
      await first.stop();
      const second = await startEmulator({ seed: 'demo', statePath });
      assert.deepEqual([second.store.collection(CUSTOM_JOBS).size, second.store.collection(HP_TUNING_JOBS).size], counts);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
