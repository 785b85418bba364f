import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../../src/cloud/connection';
import type { LogReader } from '../../../src/cloud/logging';
import { ReaderPool } from '../../../src/logs/reader-pool';

function fakeReaders(): { create: (conn: Connection) => LogReader; closed: Connection[]; created: Connection[] } {
  const closed: Connection[] = [];
  const created: Connection[] = [];
  const create = (conn: Connection): LogReader => {
    created.push(conn);
    return {
      canTail: true,
      list: () => Promise.resolve({ entries: [] }),
      tail: () => ({ cancel: () => undefined }),
      close: async () => void closed.push(conn),
    };
  };
  return { create, closed, created };
}

const conn = (project: string): Connection => ({ project, region: 'us-central1', transport: 'grpc', overrides: {} });

test('streams of one connection share its client; an old connection\'s client closes after its last stream', async () => {
  const fake = fakeReaders();
  const pool = new ReaderPool(fake.create);
  const first = conn('a');
  const a1 = pool.acquire(first);
  const a2 = pool.acquire(first);
  assert.equal(a1.reader, a2.reader);
  assert.deepEqual(fake.created, [first]);

  const second = conn('b');
  const b1 = pool.acquire(second);
  a1.release();
  await Promise.resolve();
  assert.deepEqual(fake.closed, [], 'a stream still uses the first client');
  a2.release();
  a2.release();
  await Promise.resolve();
  assert.deepEqual(fake.closed, [first]);

  b1.release();
  await Promise.resolve();
  assert.deepEqual(fake.closed, [first], 'the newest connection keeps its client for the next stream');
  assert.equal(pool.acquire(second).reader, b1.reader);
  await pool.closeAll();
  assert.deepEqual(fake.closed, [first, second]);
});
