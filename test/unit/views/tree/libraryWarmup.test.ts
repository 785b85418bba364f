import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LibraryWarmup } from '../../../../src/views/tree/libraryWarmup';

const options = { graceMs: 5, maxWaitMs: 2_000 };

test('the library loads once, after the first pages in flight are in', async () => {
  const events: string[] = [];
  const warmup = new LibraryWarmup(() => events.push('load'), options);
  let finish: (v: string) => void = () => undefined;
  const page = warmup.firstPage(new Promise<string>((resolve) => (finish = resolve)).then((v) => (events.push(v), v)));
  const ready = Promise.all([warmup.ready(), warmup.ready()]).then(() => events.push('ready'));
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(events, [], 'nothing loads while a first page is out');
  assert.equal(warmup.isWarm, false);
  finish('page');
  await page;
  await ready;
  assert.deepEqual(events, ['page', 'load', 'ready']);
  assert.equal(warmup.isWarm, true);
  await warmup.ready();
  assert.equal(events.filter((e) => e === 'load').length, 1);
});

test('a failed first page does not stop the load; a failed load is retried by the next caller', async () => {
  let attempts = 0;
  const warmup = new LibraryWarmup(() => {
    attempts++;
    if (attempts === 1) throw new Error('bundle missing');
  }, options);
  await assert.rejects(warmup.firstPage(Promise.reject(new Error('PERMISSION_DENIED'))), /PERMISSION_DENIED/);
  await assert.rejects(warmup.ready(), /bundle missing/);
  await warmup.ready();
  assert.equal(attempts, 2);
  assert.equal(warmup.isWarm, true);
});
