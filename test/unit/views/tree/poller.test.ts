import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PollOutcome, Timers } from '../../../../src/views/tree/poller';
import { BackoffPoller } from '../../../../src/views/tree/poller';

/** Timers a test fires by hand, on a clock that moves only when one fires. */
function manualTimers() {
  const pending: { fn: () => void; ms: number; due: number }[] = [];
  let clock = 0;
  const timers: Timers = {
    now: () => clock,
    setTimeout: (fn, ms) => {
      const t = { fn, ms, due: clock + ms };
      pending.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const fire = async () => {
    const t = pending.shift();
    assert.ok(t, 'a poll is scheduled');
    clock = t.due;
    t.fn();
    await new Promise((r) => setImmediate(r));
    return t.ms;
  };
  const advance = (ms: number) => (clock += ms);
  return { timers, pending, fire, advance };
}

const options = { minMs: 100, maxMs: 800, factor: 2 };

test('polls only while visible and something can change, backing off while nothing does', async () => {
  const outcomes: PollOutcome[] = ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'changed', 'idle'];
  let ticks = 0;
  const { timers, pending, fire } = manualTimers();
  const poller = new BackoffPoller(async () => outcomes[ticks++], options, timers);
  poller.kick();
  assert.equal(pending.length, 0, 'not visible: no polling');
  poller.setVisible(true);
  const delays = [];
  for (let i = 0; i < 6; i++) delays.push(await fire());
  assert.deepEqual(delays, [100, 200, 400, 800, 800, 100]);
  assert.equal(pending.length, 0, 'idle: waits for a kick');
  poller.kick();
  assert.equal(pending.length, 1);
  poller.setVisible(false);
  assert.equal(pending.length, 0, 'hidden: stops');
  poller.dispose();
});

test('a failing poll backs off instead of stopping', async () => {
  const { timers, fire } = manualTimers();
  const poller = new BackoffPoller(async () => {
    throw new Error('UNAVAILABLE');
  }, options, timers);
  poller.setVisible(true);
  poller.kick();
  assert.equal(await fire(), 100);
  assert.equal(await fire(), 200);
  poller.dispose();
});

test('repeated kicks keep a due poll instead of postponing it, and shorten a long wait', async () => {
  const { timers, pending, fire, advance } = manualTimers();
  const poller = new BackoffPoller(async () => 'unchanged', options, timers);
  poller.setVisible(true);
  poller.kick();
  const first = pending[0];
  advance(50);
  poller.kick();
  poller.kick();
  assert.equal(pending.length, 1);
  assert.equal(pending[0], first, 'the same timer still runs');
  for (let i = 0; i < 4; i++) await fire();
  assert.equal(pending[0].ms, 800);
  // A long wait that is not due soon is replaced by a quick poll.
  poller.kick();
  assert.equal(pending.length, 1);
  assert.equal(pending[0].ms, 100);
  poller.dispose();
});
