import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../core/json';
import { Store } from '../state/store';
import { newestFirst } from './list-index';

const KIND = 'customJobs';
const P = 'projects/p/locations/l/customJobs/';
const job = (id: string, minute: number, state = 'JOB_STATE_SUCCEEDED'): JsonObject => ({
  name: `${P}${id}`,
  state,
  createTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
});
const names = (jobs: JsonObject[]): string[] => jobs.map((j) => String(j.name).slice(P.length));
const all = (): boolean => true;

test('lists newest first and follows adds, deletes, updates and resets after the first list', () => {
  const store = new Store();
  for (const [id, minute] of [['a', 1], ['b', 3], ['c', 2]] as const) store.put(KIND, `${P}${id}`, job(id, minute));
  store.put(KIND, 'projects/other/locations/l/customJobs/x', job('x', 9));
  assert.deepEqual(names(newestFirst(store, KIND, P, '', all)), ['b', 'c', 'a']);

  store.put(KIND, `${P}d`, job('d', 4));
  assert.deepEqual(names(newestFirst(store, KIND, P, '', all)), ['d', 'b', 'c', 'a']);

  const isFailed = (j: JsonObject): boolean => j.state === 'JOB_STATE_FAILED';
  assert.deepEqual(newestFirst(store, KIND, P, 'failed', isFailed), []);
  store.put(KIND, `${P}c`, job('c', 2, 'JOB_STATE_FAILED'));
  const failed = newestFirst(store, KIND, P, 'failed', isFailed);
  assert.deepEqual(names(failed), ['c']);
  assert.equal(failed[0], store.collection(KIND).get(`${P}c`), 'the stored job as it is now');

  store.remove(KIND, `${P}b`);
  assert.deepEqual(names(newestFirst(store, KIND, P, '', all)), ['d', 'c', 'a']);

  store.clear();
  assert.deepEqual(newestFirst(store, KIND, P, '', all), []);
  store.collection<JsonObject>(KIND).set(`${P}e`, job('e', 5));
  assert.deepEqual(names(newestFirst(store, KIND, P, '', all)), ['e'], 'a state file loaded without events is picked up');
});
