import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter } from './filter';
import { FilterSyntaxError } from './filter-parser';
import type { LogEntryJson } from './log-store';

const info: LogEntryJson = {
  logName: 'projects/p/logs/workerpool0-0',
  resource: { type: 'ml_job', labels: { project_id: 'p', job_id: '123', task_name: 'workerpool0-0' } },
  timestamp: '2026-11-22T10:00:00.500Z',
  receiveTimestamp: '2026-11-22T10:00:01Z',
  severity: 'INFO',
  insertId: 'aaa002',
  labels: { 'ml.googleapis.com/trial_id': '7', env: 'test' },
  jsonPayload: { message: 'Epoch 3/10 loss=0.25', step: 30 },
};
const error: LogEntryJson = {
  logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
  resource: { type: 'ml_job', labels: { project_id: 'p', job_id: '456', task_name: 'workerpool1-0' } },
  timestamp: '2026-11-22T10:00:00.5Z',
  severity: 'ERROR',
  insertId: 'aaa003',
  textPayload: 'Traceback (most recent call last):\n  ValueError: bad "shape"',
};
const plain: LogEntryJson = {
  logName: 'projects/p/logs/build',
  resource: { type: 'build', labels: { build_id: 'b1' } },
  timestamp: '2026-11-22T09:59:59+01:00',
  insertId: 'aaa001',
  textPayload: 'Step 1/3 : FROM scratch',
};
const all = { info, error, plain };

// [filter, names of the entries it must match]
const cases: [string, (keyof typeof all)[]][] = [
  ['', ['info', 'error', 'plain']],
  ['resource.type="ml_job"', ['info', 'error']],
  ['resource.type = ml_job', ['info', 'error']],
  ['resource.type="ml_job" AND resource.labels.job_id="123"', ['info']],
  ['resource.type="ml_job"\nresource.labels.job_id="456"', ['error']],
  ['resource.type="ml_job" resource.labels.task_name="workerpool0-0"', ['info']],
  ['resource.labels.job_id=123', ['info']],
  ['resource.type!="ml_job"', ['plain']],
  ['severity!=INFO', ['error', 'plain']],
  ['severity>=WARNING', ['error']],
  ['severity>="warning"', ['error']],
  ['severity<=INFO', ['info', 'plain']],
  ['severity=DEFAULT', ['plain']],
  ['severity>=400', ['error']],
  ['severity>INFO OR severity<INFO', ['error', 'plain']],
  ['timestamp>="2026-11-22T10:00:00Z"', ['info', 'error']],
  ['timestamp>"2026-11-22T10:00:00.5Z"', []],
  ['timestamp="2026-11-22T10:00:00.500000000Z"', ['info', 'error']],
  ['timestamp<"2026-11-22T09:00:00.000001+00:00"', ['plain']],
  ['timestamp>=2026-11-22T10:00:00Z', ['info', 'error']],
  ['receiveTimestamp>"2026-11-22T10:00:00Z"', ['info']],
  // gcloud stream-logs' cursor: same timestamp, later insertId
  ['((timestamp="2026-11-22T10:00:00.5Z" AND insertId>"aaa002") OR timestamp>"2026-11-22T10:00:00.5Z")', ['error']],
  ['labels."ml.googleapis.com/trial_id"="7"', ['info']],
  ['labels.env:*', ['info']],
  ['jsonPayload:*', ['info']],
  ['jsonPayload.message:"loss"', ['info']],
  ['jsonPayload.message:LOSS', ['info']],
  ['jsonPayload.message="Epoch 3/10 loss=0.25"', ['info']],
  ['jsonPayload.message="epoch 3/10 loss=0.25"', []],
  ['jsonPayload.step>=30', ['info']],
  ['jsonPayload.step<30', []],
  ['textPayload:"bad \\"shape\\""', ['error']],
  ['textPayload=~"^Traceback"', ['error']],
  ['textPayload!~"^Traceback"', ['info', 'plain']],
  ['logName="projects/p/logs/workerpool0-0"', ['info']],
  ['log_id("cloudaudit.googleapis.com/activity")', ['error']],
  ['NOT resource.type="ml_job"', ['plain']],
  ['-resource.type="ml_job"', ['plain']],
  ['NOT (severity=ERROR OR severity=INFO)', ['plain']],
  ['resource.type=("build" OR "nope")', ['plain']],
  ['resource.labels.job_id=("123" OR "456")', ['info', 'error']],
  // OR binds tighter than AND: this is severity=INFO AND (job 123 OR job 456)
  ['severity=INFO AND resource.labels.job_id="456" OR resource.labels.job_id="123"', ['info']],
  ['"traceback"', ['error']],
  ['Traceback ValueError', ['error']],
  ['scratch OR Epoch', ['info', 'plain']],
  ['SEARCH("epoch")', ['info']],
  ['SEARCH(textPayload, "from")', ['plain']],
  ['ORDER', []],
  ['resource.type="ml_job" AND (severity>=ERROR OR jsonPayload.message:"epoch")', ['info', 'error']],
];

for (const [filter, expected] of cases) {
  test(`filter ${JSON.stringify(filter)}`, () => {
    const predicate = compileFilter(filter);
    const got = Object.entries(all)
      .filter(([, entry]) => predicate(entry))
      .map(([name]) => name);
    assert.deepEqual(got, expected);
  });
}

const invalid = [
  'resource.type=',
  '(severity>=ERROR',
  'severity>=ERROR)',
  'textPayload:"open',
  'timestamp>="yesterday"',
  'severity>=LOUD',
  'textPayload=~"("',
  'nosuch_fn("x")',
  'a AND',
];

for (const filter of invalid) {
  test(`invalid filter ${JSON.stringify(filter)}`, () => {
    assert.throws(() => compileFilter(filter), FilterSyntaxError);
  });
}

test('syntax errors say where', () => {
  assert.throws(() => compileFilter('severity>=ERROR\n)'), /line 2, column 1/);
});
