import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../state/store';
import { logStoreOf } from './log-store';
import type { LogEntryJson } from './log-store';

const line = (message: string, extra: Partial<LogEntryJson> = {}): LogEntryJson => ({
  logName: 'projects/p/logs/workerpool0-0',
  resource: { type: 'ml_job', labels: { job_id: '1', task_name: 'workerpool0-0' } },
  jsonPayload: { message },
  ...extra,
});

test('one log store per state', () => {
  const store = new Store();
  assert.equal(logStoreOf(store), logStoreOf(store));
  assert.notEqual(logStoreOf(store), logStoreOf(new Store()));
});

test('write fills insertId, timestamp and receiveTimestamp, keeping given ones', () => {
  const logs = logStoreOf(new Store());
  const [a, b] = logs.write([line('a'), line('b', { insertId: 'mine', timestamp: '2020-01-01T00:00:00Z' })]);
  assert.match(a.insertId ?? '', /^[0-9a-z]{13}$/);
  assert.equal(a.timestamp, a.receiveTimestamp);
  assert.ok(!Number.isNaN(Date.parse(a.receiveTimestamp ?? '')));
  assert.equal(b.insertId, 'mine');
  assert.equal(b.timestamp, '2020-01-01T00:00:00Z');
});

test('timestamps are stored in UTC with 0, 3, 6 or 9 fractional digits', () => {
  const logs = logStoreOf(new Store());
  const stored = logs.write([
    line('a', { timestamp: '2026-11-22T12:30:00.120+02:00' }),
    line('b', { timestamp: '2026-11-22T10:30:00.000000Z' }),
    line('c', { timestamp: '2026-11-22T10:30:00.1234Z' }),
  ]);
  assert.deepEqual(stored.map((e) => e.timestamp), [
    '2026-11-22T10:30:00.120Z',
    '2026-11-22T10:30:00Z',
    '2026-11-22T10:30:00.123400Z',
  ]);
});

test('entries are ordered by timestamp, then insertId in write order', () => {
  const logs = logStoreOf(new Store());
  const ts = '2026-01-01T00:00:00Z';
  logs.write([line('late', { timestamp: '2026-01-01T00:00:01+00:00' })]);
  logs.write([line('first', { timestamp: ts }), line('second', { timestamp: ts })]);
  logs.write([line('early', { timestamp: '2025-12-31T23:59:59.999999999Z' })]);
  const order = logs.entries().map((e) => e.jsonPayload?.message);
  assert.deepEqual(order, ['early', 'first', 'second', 'late']);
});

test('subscribers get each stored batch until they unsubscribe', () => {
  const logs = logStoreOf(new Store());
  const seen: string[] = [];
  const off = logs.subscribe((batch) => seen.push(...batch.map((e) => String(e.jsonPayload?.message))));
  assert.equal(logs.subscriberCount(), 1);
  logs.write([line('x'), line('y')]);
  off();
  assert.equal(logs.subscriberCount(), 0);
  logs.write([line('z')]);
  assert.deepEqual(seen, ['x', 'y']);
});

test('deleteLog removes only that log', () => {
  const logs = logStoreOf(new Store());
  logs.write([line('a'), line('b', { logName: 'projects/p/logs/other' })]);
  assert.equal(logs.deleteLog('projects/p/logs/workerpool0-0'), 1);
  assert.deepEqual(logs.entries().map((e) => e.logName), ['projects/p/logs/other']);
});

test('a reset of the state empties the log store', () => {
  const store = new Store();
  const logs = logStoreOf(store);
  logs.write([line('gone')]);
  assert.equal(logs.entries().length, 1);
  store.clear();
  assert.deepEqual(logs.entries(), []);
});

test('entries survive a save and load of the state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logstore-'));
  try {
    const store = new Store();
    logStoreOf(store).write([line('kept')]);
    store.save(join(dir, 'state.json'));
    const restored = new Store();
    const logs = logStoreOf(restored);
    logs.write([line('written before the load', { timestamp: '2099-01-01T00:00:00Z' })]);
    assert.equal(logs.entries().length, 1);
    restored.load(join(dir, 'state.json'));
    assert.deepEqual(logs.entries().map((e) => e.jsonPayload?.message), ['kept', 'written before the load']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
