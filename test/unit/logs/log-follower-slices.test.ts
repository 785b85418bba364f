import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogReader, LogRecord, TailCallbacks } from '../../../src/cloud/logging';
import type { JobRef } from '../../../src/logs/job-status';
import { LOCAL_TIMINGS, LogFollower } from '../../../src/logs/log-follower';

const JOB: JobRef = { kind: 'custom', project: 'p', region: 'us-central1', id: '42', name: 'projects/p/locations/us-central1/customJobs/42' };

function rawEntry(i: number): object {
  return {
    insertId: `id${String(i).padStart(6, '0')}`,
    timestamp: { seconds: 1_800_000_000 + Math.floor(i / 1000), nanos: (i % 1000) * 1000 },
    severity: 'INFO',
    resource: { type: 'ml_job', labels: { job_id: '42', task_name: 'workerpool0-0' } },
    textPayload: `line ${i}`,
  };
}

test('a tail response is only queued in the data handler; its entries are shown later, in slices, in order, once each', async () => {
  let tail: TailCallbacks | undefined;
  const reader: LogReader = {
    canTail: true,
    list: () => Promise.resolve({ entries: [] }),
    tail: (_filter, callbacks) => ((tail = callbacks), { cancel: () => undefined }),
    close: () => Promise.resolve(),
  };
  const shown: LogRecord[] = [];
  let calls = 0;
  let live: () => void = () => undefined;
  const isLive = new Promise<void>((resolve) => (live = resolve));
  const follower = new LogFollower({
    job: JOB,
    reader,
    jobStatus: () => Promise.resolve({ name: JOB.name, displayName: 'j', state: 'JOB_STATE_RUNNING', replicas: [] }),
    timings: { ...LOCAL_TIMINGS, statePollMinMs: 60_000, statePollMaxMs: 60_000 },
    events: {
      records: (records) => (calls++, shown.push(...records)),
      state: () => undefined,
      mode: (mode) => mode === 'tail' && live(),
      diagnostic: () => undefined,
    },
  });
  const done = follower.run();
  await isLive;
  const first = Array.from({ length: 3000 }, (_, i) => rawEntry(i));
  tail?.entries(first);
  // The same entries again, as a reconnecting tail could deliver them, then new ones.
  tail?.entries(first.slice(2500));
  tail?.entries(Array.from({ length: 500 }, (_, i) => rawEntry(3000 + i)));
  assert.equal(shown.length, 0, 'nothing is converted or shown inside the data handler');
  const deadline = Date.now() + 10_000;
  while (shown.length < 3500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  follower.stop();
  assert.equal((await done).kind, 'stopped');
  assert.deepEqual(
    shown.map((r) => r.message),
    Array.from({ length: 3500 }, (_, i) => `line ${i}`),
  );
  assert.ok(calls > 1, 'shown in more than one slice');
});
