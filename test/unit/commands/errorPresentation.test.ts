import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presentError } from '../../../src/commands/errorPresentation';

test('a cancellation is silent', () => {
  const err = new Error('Canceled');
  err.name = 'Canceled';
  assert.deepEqual(presentError(err), { kind: 'silent' });
  assert.deepEqual(presentError(Object.assign(new Error('aborted'), { name: 'AbortError' })), { kind: 'silent' });
});

test('a short one-line error becomes a notification', () => {
  assert.deepEqual(presentError(new Error('Job not found.')), { kind: 'notify', message: 'Job not found.' });
  assert.deepEqual(presentError('plain string'), { kind: 'notify', message: 'plain string' });
});

test('a multi-line error goes to the log with its first line as summary', () => {
  const shown = presentError(new Error('Build failed.\nstep 3: exit 1'));
  assert.equal(shown.kind, 'log');
  if (shown.kind !== 'log') return;
  assert.equal(shown.summary, 'Build failed.');
  assert.match(shown.details, /step 3: exit 1/);
});

test('a very long one-line error is cut in the notification but kept whole in the log', () => {
  const long = 'x'.repeat(500);
  const shown = presentError(new Error(long));
  assert.equal(shown.kind, 'log');
  if (shown.kind !== 'log') return;
  assert.equal(shown.summary.length, 200);
  assert.ok(shown.details.includes(long));
});

test('an error with no message still says something', () => {
  assert.deepEqual(presentError(new Error('')), { kind: 'notify', message: 'An unknown error occurred.' });
});
