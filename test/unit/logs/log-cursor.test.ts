import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord } from '../../../src/cloud/logging';
import { LogCursor } from '../../../src/logs/log-cursor';

const at = (second: number, insertId: string): LogRecord => ({
  insertId,
  timestamp: `2026-11-22T06:00:${String(second).padStart(2, '0')}.000000000Z`,
  severity: 'INFO',
  task: 'workerpool0-0',
  message: insertId,
});

/** What the cursor must do, kept as simple as it gets: every identity shown, in a map. */
class ReferenceCursor {
  private readonly seen = new Map<string, string>();
  accept(r: LogRecord): boolean {
    const key = `${r.timestamp}/${r.insertId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, r.timestamp);
    return true;
  }
  forgetBefore(timestamp: string): void {
    for (const [key, ts] of this.seen) if (ts < timestamp) this.seen.delete(key);
  }
  get remembered(): number {
    return this.seen.size;
  }
}

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('entries in order, re-read from a lookback, late ones and repeats: each shown exactly once', () => {
  const cursor = new LogCursor();
  const a = at(10, 'a');
  const b = at(10, 'b');
  const c = at(11, 'a');
  assert.deepEqual(cursor.acceptAll([a, b, c]), [a, b, c]);
  // A read from a lookback returns them again, with one that came late in between.
  const late = at(10, 'ab');
  assert.deepEqual(cursor.acceptAll([a, late, b, c]), [late]);
  assert.deepEqual(cursor.acceptAll([late, at(9, 'z'), at(9, 'z')]), [at(9, 'z')]);
  assert.deepEqual(cursor.position, { timestamp: c.timestamp, insertId: 'a' });
  assert.equal(cursor.remembered, 5);
});

test('forgetting keeps what a read from the bound can still return, in order or not', () => {
  const cursor = new LogCursor();
  for (let s = 0; s < 60; s++) cursor.accept(at(s, 'x'));
  cursor.accept(at(5, 'late'));
  cursor.accept(at(40, 'late'));
  cursor.forgetBefore(at(30, '').timestamp);
  assert.equal(cursor.remembered, 31);
  assert.equal(cursor.accept(at(30, 'x')), false);
  assert.equal(cursor.accept(at(40, 'late')), false);
  assert.equal(cursor.accept(at(29, 'x')), true, 'forgotten: a read from the bound cannot return it');
  assert.equal(cursor.accept(at(59, 'x')), false);
});

test('agrees with a plain map of every identity over random reads, repeats, late entries and forgetting', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const next = random(seed);
    const cursor = new LogCursor();
    const reference = new ReferenceCursor();
    const shown: LogRecord[] = [];
    let clock = 0;
    for (let step = 0; step < 3000; step++) {
      const roll = next();
      let record: LogRecord;
      if (roll < 0.6 || shown.length === 0) {
        // Mostly forward, several entries to a second, insertIds in any order within it.
        clock += next() < 0.3 ? 1 : 0;
        record = at(clock % 60, `i${Math.floor(next() * 50)}`);
      } else if (roll < 0.9) {
        record = shown[Math.floor(next() * shown.length)] as LogRecord;
      } else {
        record = at(Math.floor(next() * ((clock % 60) + 1)), `late${Math.floor(next() * 20)}`);
      }
      const expected = reference.accept(record);
      assert.equal(cursor.accept(record), expected, `seed ${seed}, step ${step}: ${record.timestamp} ${record.insertId}`);
      if (expected) shown.push(record);
      if (next() < 0.01) {
        const bound = at(Math.floor(next() * 60), '').timestamp;
        cursor.forgetBefore(bound);
        reference.forgetBefore(bound);
      }
      assert.equal(cursor.remembered, reference.remembered, `seed ${seed}, step ${step}`);
    }
  }
});

test('a long in-order stream is forgotten in large steps without losing the entries after the bound', () => {
  const cursor = new LogCursor();
  const records = Array.from({ length: 5000 }, (_, i) => ({ ...at(Math.floor(i / 100), `id${String(i % 100).padStart(3, '0')}`) }));
  assert.equal(cursor.acceptAll(records).length, 5000);
  cursor.forgetBefore(at(30, '').timestamp);
  assert.equal(cursor.remembered, 2000);
  assert.deepEqual(cursor.acceptAll(records.slice(2900)), records.slice(2900, 3000));
  assert.equal(cursor.remembered, 2100);
});
