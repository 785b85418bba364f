import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../../src/cloud/connection';
import { createLogReader } from '../../../src/cloud/logging';
import type { LogReader, LogRecord } from '../../../src/cloud/logging';
import { VertexClients } from '../../../src/cloud/vertexClients';
import { toApiError } from '../../../src/cloud/apiErrors';
import { getJobStatus } from '../../../src/logs/job-status';
import type { JobRef, JobStatus } from '../../../src/logs/job-status';
import { LOCAL_TIMINGS, LogFollower } from '../../../src/logs/log-follower';
import type { FollowMode, FollowOutcome, FollowTimings } from '../../../src/logs/log-follower';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import { logStoreOf } from '../../emulator/logging/log-store';
import { createJob, emulatorConnection, ids, storedRecords } from './emulatorJobs';

const TIMINGS: Partial<FollowTimings> = { ...LOCAL_TIMINGS, graceMs: 300 };

interface Followed {
  outcome: FollowOutcome;
  records: LogRecord[];
  states: string[];
  modes: FollowMode[];
  diagnostics: string[];
}

function follow(
  conn: Connection,
  clients: VertexClients,
  job: JobRef,
  options: { replica?: string; timings?: Partial<FollowTimings>; onState?: (s: JobStatus) => void; reader?: LogReader } = {},
): { follower: LogFollower; seen: Omit<Followed, 'outcome'>; done: Promise<Followed> } {
  const reader = options.reader ?? createLogReader(conn);
  const seen: Omit<Followed, 'outcome'> = { records: [], states: [], modes: [], diagnostics: [] };
  const follower = new LogFollower({
    job,
    replica: options.replica,
    reader,
    jobStatus: () => getJobStatus(clients, job),
    timings: { ...TIMINGS, ...options.timings },
    events: {
      records: (records) => seen.records.push(...records),
      state: (status) => {
        seen.states.push(status.state);
        options.onState?.(status);
      },
      mode: (mode) => seen.modes.push(mode),
      diagnostic: (message) => seen.diagnostics.push(message),
    },
  });
  const done = follower.run().then(async (outcome) => {
    if (!options.reader) await reader.close();
    return { outcome, ...seen };
  });
  return { follower, seen, done };
}

for (const transport of ['grpc', 'rest'] as const) {
  // Each test follows its own job, so they run side by side; faults are global, so they are below.
  describe(`following a job's log over ${transport}`, { concurrency: true }, () => {
    let emu: Emulator;
    let conn: Connection;
    let clients: VertexClients;
    before(async () => {
      emu = await startEmulator();
      conn = emulatorConnection(emu, transport);
      clients = new VertexClients(conn);
    });
    after(async () => {
      await clients.close();
      await emu.stop();
    });

    test('shows every entry once, in order, and stops after the job ended and its last entries are in', async () => {
      const job = await createJob(clients, { workers: 2 });
      const { outcome, records, states, modes } = await follow(conn, clients, job).done;
      assert.equal(outcome.kind, 'finished');
      assert.equal(outcome.kind === 'finished' && outcome.status.state, 'JOB_STATE_SUCCEEDED');
      assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
      assert.ok(records.some((r) => r.task === 'workerpool1-1'), 'worker replicas are followed too');
      assert.equal(records.at(-1)?.message, 'Job completed successfully.');
      assert.equal(states.at(-1), 'JOB_STATE_SUCCEEDED');
      assert.ok(states.includes('JOB_STATE_RUNNING'), `states seen: ${states.join(', ')}`);
      assert.deepEqual(modes.at(-1), transport === 'grpc' ? 'tail' : 'poll');
    });

    test('a replica filter shows that replica only', async () => {
      const job = await createJob(clients, { workers: 2 });
      const { records } = await follow(conn, clients, job, { replica: 'workerpool1-0' }).done;
      assert.ok(records.length > 5);
      assert.deepEqual(ids(records), ids(storedRecords(emu, job.id, 'workerpool1-0')));
    });

    test('a failed job ends FAILED with its traceback shown', async () => {
      const job = await createJob(clients, { fail: true });
      const { outcome, records } = await follow(conn, clients, job).done;
      assert.equal(outcome.kind === 'finished' && outcome.status.state, 'JOB_STATE_FAILED');
      assert.match(outcome.kind === 'finished' ? outcome.status.error ?? '' : '', /non-zero status of 1/);
      const messages = records.map((r) => r.message);
      const start = messages.indexOf('Traceback (most recent call last):');
      assert.ok(start >= 0, 'the traceback is shown');
      assert.match(messages[start + 5] ?? '', /File ".*trainer\/task.py", line 88/);
      assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
    });

    test('an entry that arrives late, after the job ended, is still shown once', async () => {
      const job = await createJob(clients);
      let lateWritten = false;
      const { outcome, records } = await follow(conn, clients, job, {
        onState: (status) => {
          if (status.state !== 'JOB_STATE_SUCCEEDED' || lateWritten) return;
          lateWritten = true;
          logStoreOf(emu.store).write([
            {
              logName: `projects/${conn.project}/logs/workerpool0-0`,
              resource: { type: 'ml_job', labels: { job_id: job.id, task_name: 'workerpool0-0' } },
              timestamp: new Date((status.endTime ?? Date.now()) - 2000).toISOString(),
              severity: 'INFO',
              textPayload: 'flushed late',
            },
          ]);
        },
      }).done;
      assert.equal(outcome.kind, 'finished');
      assert.equal(records.filter((r) => r.message === 'flushed late').length, 1);
      assert.equal(new Set(ids(records)).size, records.length, 'no entry shown twice');
    });

    test('history of a finished job comes in pages', async () => {
      const job = await createJob(clients);
      await follow(conn, clients, job).done;
      const { outcome, records, modes } = await follow(conn, clients, job, { timings: { pageSize: 7 } }).done;
      assert.equal(outcome.kind, 'finished');
      assert.deepEqual(modes, ['history']);
      assert.ok(records.length > 14);
      assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
    });

    test('a job that ended just now is read again once its grace period is over', async () => {
      const job = await createJob(clients);
      while (!(await getJobStatus(clients, job)).state.endsWith('SUCCEEDED')) await new Promise((r) => setTimeout(r, 50));
      const { done } = follow(conn, clients, job, { timings: { graceMs: 1500 } });
      await new Promise((r) => setTimeout(r, 400));
      logStoreOf(emu.store).write([
        {
          logName: `projects/${conn.project}/logs/workerpool0-0`,
          resource: { type: 'ml_job', labels: { job_id: job.id, task_name: 'workerpool0-0' } },
          severity: 'INFO',
          textPayload: 'arrived after the end',
        },
      ]);
      const { outcome, records, modes } = await done;
      assert.equal(outcome.kind, 'finished');
      assert.deepEqual(modes, ['history']);
      assert.equal(records.filter((r) => r.message === 'arrived after the end').length, 1);
      assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
    });

    test('stop() ends the follow at once and shows nothing after it', async () => {
      const job = await createJob(clients, { runSeconds: 5 });
      const { follower, seen, done } = follow(conn, clients, job);
      const started = Date.now();
      while (seen.records.length === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
      follower.stop();
      const { outcome, records } = await done;
      const shownAtStop = records.length;
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(outcome.kind, 'stopped');
      assert.ok(shownAtStop > 0);
      assert.equal(records.length, shownAtStop);
      assert.notEqual((await getJobStatus(clients, job)).state, 'JOB_STATE_SUCCEEDED', 'the job was still running when the follow stopped');
    });
  });
}

describe('faults: a dropped tail, failing reads', () => {
  let emu: Emulator;
  let conn: Connection;
  let clients: VertexClients;
  before(async () => {
    emu = await startEmulator();
    conn = emulatorConnection(emu);
    clients = new VertexClients(conn);
  });
  afterEach(() => emu.faults.clear());
  after(async () => {
    await clients.close();
    await emu.stop();
  });

  test('reconnects with no entry lost and none shown twice', async () => {
    emu.faults.tailDropAfterEntries = 4;
    const job = await createJob(clients, { workers: 1 });
    const { outcome, records, diagnostics, modes } = await follow(conn, clients, job).done;
    assert.equal(outcome.kind, 'finished');
    const reconnects = diagnostics.filter((d) => /UNAVAILABLE.*reconnecting/.test(d));
    assert.ok(reconnects.length >= 2, `the tail was dropped and reconnected: ${diagnostics.join(' | ')}`);
    assert.ok(!modes.includes('poll'), 'a tail that delivers before dropping is worth reconnecting');
    assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
  });

  test('falls back to polling when the tail keeps failing before delivering anything', async () => {
    emu.faults.tailDropAfterEntries = 0;
    const job = await createJob(clients);
    const { outcome, records, diagnostics, modes } = await follow(conn, clients, job).done;
    assert.equal(outcome.kind, 'finished');
    assert.equal(modes.at(-1), 'poll');
    assert.ok(diagnostics.some((d) => /polling every/.test(d)), diagnostics.join(' | '));
    assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
  });

  test('a read refused for good ends the follow with the API error', async () => {
    const job = await createJob(clients, { runSeconds: 5 });
    emu.faults.add({ method: 'google.logging.v2.LoggingServiceV2.ListLogEntries', code: 'PERMISSION_DENIED', message: "Permission 'logging.logEntries.list' denied." });
    const { outcome } = await follow(conn, clients, job).done;
    assert.equal(outcome.kind, 'failed');
    assert.equal(outcome.kind === 'failed' && toApiError(outcome.error)?.status, 'PERMISSION_DENIED');
  });

  test('a read that fails for a while is retried', async () => {
    const job = await createJob(clients);
    emu.faults.add({ method: 'google.logging.v2.LoggingServiceV2.ListLogEntries', code: 'UNAVAILABLE', count: 2 });
    const { outcome, records } = await follow(conn, clients, job).done;
    assert.equal(outcome.kind, 'finished');
    assert.deepEqual(ids(records), ids(storedRecords(emu, job.id)));
  });
});
