import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customJobMessage, durationObject, timestampObject, tuningJobMessage } from '../../../src/cloud/jobRequestMessages';

test('durations become {seconds, nanos} with the sign on both', () => {
  assert.deepEqual(durationObject('3600s'), { seconds: '3600', nanos: 0 });
  assert.deepEqual(durationObject('1.5s'), { seconds: '1', nanos: 500_000_000 });
  assert.deepEqual(durationObject('-0.25s'), { seconds: '0', nanos: -250_000_000 });
  assert.equal(durationObject('1h'), undefined);
});

test('timestamps keep their nanoseconds', () => {
  assert.deepEqual(timestampObject('2026-11-22T06:12:55.123456789Z'), { seconds: String(Date.UTC(2026, 10, 22, 6, 12, 55) / 1000), nanos: 123_456_789 });
  assert.deepEqual(timestampObject('1970-01-01T01:00:00+01:00'), { seconds: '0', nanos: 0 });
});

test('only the fields the protos type as Duration or Timestamp change', () => {
  const message = customJobMessage({
    displayName: '3600s',
    labels: { timeout: '60s' },
    jobSpec: {
      scheduling: { timeout: '7200s', maxWaitDuration: '1800s', strategy: 'SPOT' },
      workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i', args: ['10s'] } }],
    },
  });
  assert.deepEqual(message, {
    displayName: '3600s',
    labels: { timeout: '60s' },
    jobSpec: {
      scheduling: { timeout: { seconds: '7200', nanos: 0 }, maxWaitDuration: { seconds: '1800', nanos: 0 }, strategy: 'SPOT' },
      workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i', args: ['10s'] } }],
    },
  });
});

test('a tuning job converts its study spec and its trial job spec', () => {
  const message = tuningJobMessage({
    displayName: 'tune', maxTrialCount: 2, parallelTrialCount: 1,
    studySpec: { metrics: [{ metricId: 'loss', goal: 'MINIMIZE' }], studyStoppingConfig: { maxDurationNoProgress: '600s' } },
    trialJobSpec: { scheduling: { timeout: '60s' } },
  });
  assert.deepEqual(message.studySpec, { metrics: [{ metricId: 'loss', goal: 'MINIMIZE' }], studyStoppingConfig: { maxDurationNoProgress: { seconds: '600', nanos: 0 } } });
  assert.deepEqual(message.trialJobSpec, { scheduling: { timeout: { seconds: '60', nanos: 0 } } });
});
