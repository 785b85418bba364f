import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgedItem } from '../../../../src/views/tree/relativeAge';
import { AgeTracker, ageKey, ageParts } from '../../../../src/views/tree/relativeAge';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

function item(id: string, since: Date | undefined): AgedItem {
  return { id, agedSince: () => since };
}

test('age parts round as the description words them', () => {
  assert.deepEqual(ageParts(new Date(T0), T0 + 20_000), { unit: 'now', count: 0 });
  assert.deepEqual(ageParts(new Date(T0), T0 + 5 * MIN), { unit: 'min', count: 5 });
  assert.deepEqual(ageParts(new Date(T0), T0 + 90 * MIN), { unit: 'h', count: 2 });
  assert.deepEqual(ageParts(new Date(T0), T0 + 72 * 60 * MIN), { unit: 'd', count: 3 });
  assert.equal(ageKey(new Date(T0), T0 + 5 * MIN + 20_000), ageKey(new Date(T0), T0 + 5 * MIN));
});

test('only nodes whose age text changed are stale, each once per change', () => {
  const ages = new AgeTracker();
  const fresh = item('fresh', new Date(T0));
  const old = item('old', new Date(T0 - 10 * 24 * 60 * MIN));
  const undated = item('undated', undefined);
  const nodes = [fresh, old, undated];
  for (const n of nodes) ages.drew(n, T0);
  assert.deepEqual(ages.stale(nodes, T0 + 20_000), []);
  assert.deepEqual(ages.stale(nodes, T0 + 2 * MIN), [fresh]);
  assert.deepEqual(ages.stale(nodes, T0 + 2 * MIN + 10_000), [], 'reported once, even if never drawn again');
  assert.deepEqual(ages.stale(nodes, T0 + 3 * MIN), [fresh]);
});

test('nodes never drawn, or drawn before forget(), are not redrawn', () => {
  const ages = new AgeTracker();
  const a = item('a', new Date(T0));
  const b = item('b', new Date(T0));
  ages.drew(a, T0);
  assert.deepEqual(ages.stale([a, b], T0 + 5 * MIN), [a]);
  ages.drew(a, T0);
  ages.forget();
  assert.deepEqual(ages.stale([a, b], T0 + 10 * MIN), []);
});

test('a minute tick over 10,000 old jobs redraws only the few whose text changed', () => {
  const ages = new AgeTracker();
  // Created over the last 30 days, one every ~4 minutes: most show hours or days.
  const jobs = Array.from({ length: 10_000 }, (_, i) => item(`job${i}`, new Date(T0 - i * 4.32 * MIN)));
  for (const j of jobs) ages.drew(j, T0);
  const stale = ages.stale(jobs, T0 + MIN);
  assert.ok(stale.length > 0, 'the recent ones advance');
  assert.ok(stale.length < 100, `${stale.length} redrawn`);
  assert.ok(stale.includes(jobs[0]));
  assert.ok(!stale.includes(jobs[9_999]));
});
