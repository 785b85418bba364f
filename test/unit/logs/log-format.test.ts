import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobLogFilter, timestampText, toLogRecord } from '../../../src/cloud/logging';
import type { LogRecord } from '../../../src/cloud/logging';
import { readTrainingJob } from '../../../src/cloud/trainingJobRead';
import { jobStatusOf, parseJobName } from '../../../src/logs/job-status';
import { LogCursor, shiftTimestamp } from '../../../src/logs/log-cursor';
import { formatMarker, formatRecord, formatRecords } from '../../../src/logs/log-format';

const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  insertId: 'a1',
  timestamp: '2026-11-22T06:12:55.123456789Z',
  severity: 'INFO',
  task: 'workerpool0-0',
  message: 'Epoch 1 [100/1000] loss=2.0',
  ...over,
});

test('one entry is one line: time to the millisecond, severity, replica, message', () => {
  assert.equal(formatRecord(record()), '2026-11-22T06:12:55.123Z INFO  workerpool0-0  Epoch 1 [100/1000] loss=2.0\n');
  assert.equal(formatRecord(record({ severity: 'WARNING', task: '' })), '2026-11-22T06:12:55.123Z WARNING unknown_task  Epoch 1 [100/1000] loss=2.0\n');
});

test('a multi-line message stays one block, its lines under the first message column', () => {
  const text = formatRecord(record({ severity: 'ERROR', message: 'Traceback (most recent call last):\n  File "/app/task.py", line 3, in <module>\nValueError: bad\n' }));
  const lines = text.split('\n');
  assert.equal(lines[0], '2026-11-22T06:12:55.123Z ERROR workerpool0-0  Traceback (most recent call last):');
  const column = lines[0].indexOf('Traceback');
  assert.equal(lines[1], `${' '.repeat(column)}  File "/app/task.py", line 3, in <module>`);
  assert.equal(lines[2], `${' '.repeat(column)}ValueError: bad`);
  assert.equal(lines.length, 4);
});

test('progress bars and colours show as a terminal would show them', () => {
  assert.match(formatRecord(record({ message: ' 10%|#    \r 50%|#####\r100%|##########' })), /workerpool0-0 {2}100%\|##########\n$/);
  assert.match(formatRecord(record({ message: '\u001b[32mgreen\u001b[0m done\r\n' })), /workerpool0-0 {2}green done\n$/);
});

test('records and markers', () => {
  assert.equal(formatRecords([record(), record({ insertId: 'a2', message: 'x' })]).split('\n').length, 3);
  assert.equal(formatMarker(Date.UTC(2026, 10, 22, 6, 0, 0, 5), 'Job state: Running'), '2026-11-22T06:00:00.005Z ---- Job state: Running\n');
});

test('entries from either transport become the same record', () => {
  const fromGrpc = toLogRecord({
    insertId: 'x1',
    timestamp: { seconds: '1795330379', nanos: 79000000 },
    severity: 'WARNING',
    resource: { type: 'ml_job', labels: { job_id: '7', task_name: 'workerpool0-1' } },
    jsonPayload: { fields: { message: { stringValue: 'hello', kind: 'stringValue' }, attrs: { structValue: { fields: {} }, kind: 'structValue' } } },
    payload: 'jsonPayload',
  });
  const fromJson = toLogRecord({
    insertId: 'x1',
    timestamp: '2026-11-22T06:52:59.079Z',
    severity: 'WARNING',
    resource: { type: 'ml_job', labels: { job_id: '7', task_name: 'workerpool0-1' } },
    jsonPayload: { message: 'hello', attrs: {} },
  });
  assert.deepEqual(fromGrpc, { insertId: 'x1', timestamp: '2026-11-22T06:52:59.079000000Z', severity: 'WARNING', task: 'workerpool0-1', message: 'hello' });
  assert.deepEqual(fromJson, fromGrpc);
  assert.equal(toLogRecord({ textPayload: 'plain', severity: 500 }).severity, 'ERROR');
  assert.equal(toLogRecord({ jsonPayload: { fields: { step: { numberValue: 3, kind: 'numberValue' } } } }).message, '{"step":3}');
  assert.equal(timestampText('2026-11-19T05:52:59.5+01:00'), '2026-11-19T04:52:59.500000000Z');
});

test('the job filter is the one gcloud uses, narrowed to a replica on request', () => {
  assert.equal(jobLogFilter('123'), 'resource.type="ml_job" AND resource.labels.job_id="123"');
  assert.equal(jobLogFilter('123', 'workerpool1-0'), 'resource.type="ml_job" AND resource.labels.job_id="123" AND resource.labels.task_name="workerpool1-0"');
});

test('the cursor drops what it has shown and resumes a lookback before the newest entry', () => {
  const cursor = new LogCursor();
  assert.equal(cursor.resumeFrom(10_000), undefined);
  const a = record({ insertId: 'a', timestamp: '2026-11-22T06:00:10.000000001Z' });
  const b = record({ insertId: 'b', timestamp: '2026-11-22T06:00:10.000000001Z' });
  const older = record({ insertId: 'z', timestamp: '2026-11-22T06:00:01.000000000Z' });
  assert.deepEqual(cursor.acceptAll([a, b, a]), [a, b]);
  assert.equal(cursor.accept(older), true, 'a late entry is new, even though it is older');
  assert.deepEqual(cursor.position, { timestamp: b.timestamp, insertId: 'b' });
  assert.equal(cursor.resumeFrom(5_000), '2026-11-22T06:00:05.000000001Z');
  cursor.forgetBefore('2026-11-22T06:00:05.000000001Z');
  assert.equal(cursor.remembered, 2);
  assert.equal(cursor.accept(b), false);
  assert.equal(shiftTimestamp('2026-01-01T00:00:00.250123456Z', -1000), '2025-12-31T23:59:59.250123456Z');
});

test('job names and job state from the API', () => {
  assert.deepEqual(parseJobName('projects/p/locations/us-central1/customJobs/42'), { name: 'projects/p/locations/us-central1/customJobs/42', project: 'p', region: 'us-central1', kind: 'custom', id: '42' });
  assert.equal(parseJobName('projects/p/locations/us-central1/hyperparameterTuningJobs/7')?.kind, 'hpTuning');
  assert.equal(parseJobName('projects/p/locations/us-central1/models/7'), undefined);
  const status = jobStatusOf(readTrainingJob('customJob', {
    name: 'projects/p/locations/us-central1/customJobs/42',
    state: 5,
    endTime: { seconds: '1795330379', nanos: 0 },
    error: { code: 3, message: 'boom' },
    jobSpec: { workerPoolSpecs: [{ machineSpec: {}, replicaCount: '1' }, { machineSpec: {}, replicaCount: '2' }, {}] },
  }));
  assert.equal(status.state, 'JOB_STATE_FAILED');
  assert.equal(status.endTime, 1795330379000);
  assert.equal(status.error, 'boom');
  assert.deepEqual(status.replicas, ['workerpool0-0', 'workerpool1-0', 'workerpool1-1']);
});
