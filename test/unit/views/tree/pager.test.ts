import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pager } from '../../../../src/views/tree/pager';

function numbers(total: number, size: number) {
  const calls: (string | undefined)[] = [];
  const load = async (token: string | undefined) => {
    calls.push(token);
    const start = token ? Number(token) : 0;
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    const next = start + size < total ? String(start + size) : undefined;
    return next ? { items, nextPageToken: next } : { items };
  };
  return { calls, load };
}

test('pages through a list until the API has no next page', async () => {
  const { calls, load } = numbers(120, 50);
  const pager = new Pager(load);
  assert.equal(pager.hasMore, false);
  await pager.first();
  assert.equal(pager.items.length, 50);
  assert.equal(pager.hasMore, true);
  await pager.first();
  assert.equal(calls.length, 1, 'first() twice loads once');
  await pager.more();
  await pager.more();
  assert.deepEqual(pager.items, Array.from({ length: 120 }, (_, i) => i));
  assert.equal(pager.hasMore, false);
  await pager.more();
  assert.deepEqual(calls, [undefined, '50', '100']);
});

test('concurrent loads share one request, and a reset drops a stale answer', async () => {
  const { calls, load } = numbers(100, 50);
  const pager = new Pager(load);
  await Promise.all([pager.first(), pager.first(), pager.more()]);
  assert.equal(calls.length, 1);
  const stale = pager.more();
  pager.reset();
  await stale;
  assert.equal(pager.isLoaded, false);
  assert.equal(pager.items.length, 0);
  await pager.first();
  assert.equal(pager.items.length, 50);
});

test('remove and replace change loaded items without a request', async () => {
  const { calls, load } = numbers(3, 50);
  const pager = new Pager(load);
  await pager.first();
  pager.remove((n) => n === 1);
  pager.replace((n) => n === 2, 20);
  assert.deepEqual(pager.items, [0, 20]);
  assert.equal(calls.length, 1);
});

test('a fetch that was reset away does not clear the fetch that replaced it', async () => {
  const { calls, load } = numbers(200, 50);
  const gates: (() => void)[] = [];
  const pager = new Pager(async (token: string | undefined) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return load(token);
  });
  const stale = pager.first();
  pager.reset();
  const fresh = pager.first();
  gates.shift()?.();
  await stale;
  // The fresh first page is still in flight: asking again must share it, not start page 1 again.
  const again = pager.first();
  assert.equal(gates.length, 1, 'no third request');
  while (gates.length) gates.shift()?.();
  await Promise.all([fresh, again]);
  assert.deepEqual(calls, [undefined, undefined]);
  assert.deepEqual(pager.items, Array.from({ length: 50 }, (_, i) => i));
});
