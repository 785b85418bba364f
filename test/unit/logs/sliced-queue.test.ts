import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlicedQueue } from '../../../src/logs/sliced-queue';

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

test('handles every item once, in order, across batches', async () => {
  const seen: number[] = [];
  const queue = new SlicedQueue<number>((items) => seen.push(...items));
  queue.push(range(0, 1000));
  queue.push([]);
  queue.push(range(1000, 5));
  assert.equal(queue.pending, 1005);
  await queue.settled();
  queue.push(range(1005, 3));
  await queue.settled();
  assert.deepEqual(seen, range(0, 1008));
  assert.equal(queue.pending, 0);
});

test('returns from push at once and gives the event loop a turn between slices', async () => {
  let turns = 0;
  let handled = 0;
  // Each chunk takes 1 ms, so a slice of 2 ms holds two or three chunks: about 15 slices, each
  // ending on a later turn of the event loop, where the due timer runs.
  const queue = new SlicedQueue<number>((items) => {
    const until = performance.now() + 1;
    while (performance.now() < until);
    handled += items.length;
  }, 2);
  queue.push(range(0, 64 * 40));
  assert.equal(handled, 0, 'nothing is handled inside push');
  const ticker = setInterval(() => turns++, 0);
  await queue.settled();
  clearInterval(ticker);
  assert.equal(handled, 64 * 40);
  assert.ok(turns >= 5, `timers ran ${turns} times while 40 ms of work was done`);
});

test('clear drops what is not handled yet', async () => {
  const seen: number[] = [];
  const queue = new SlicedQueue<number>((items) => seen.push(...items));
  queue.push(range(0, 100));
  queue.clear();
  await queue.settled();
  assert.deepEqual(seen, []);
});

test('an error in handling stops the queue and is reported by settled() and failed', async () => {
  const queue = new SlicedQueue<number>(() => {
    throw new Error('boom');
  });
  queue.push([1]);
  await assert.rejects(queue.failed, /boom/);
  await assert.rejects(queue.settled(), /boom/);
  queue.push([2]);
  assert.equal(queue.pending, 0);
});
