import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateCategory } from '../../../src/cloud/trainingJobRead';
import { stateIconSpec } from '../../../src/views/trainingJobs/stateIcons';

const icon = (state: string) => stateIconSpec({ state, category: stateCategory(state) });

test('EXPIRED has its own warning icon, not the red error of FAILED', () => {
  assert.deepEqual(icon('JOB_STATE_FAILED'), { id: 'error', color: 'testing.iconFailed' });
  assert.deepEqual(icon('JOB_STATE_EXPIRED'), { id: 'history', color: 'list.warningForeground' });
});

test('every job state has an icon, and only FAILED shows the red error one', () => {
  const states = ['QUEUED', 'PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLING', 'CANCELLED', 'PAUSED', 'EXPIRED', 'UPDATING', 'PARTIALLY_SUCCEEDED'].map((s) => `JOB_STATE_${s}`);
  const byIcon = new Map<string, string[]>();
  for (const state of states) {
    const { id, color } = icon(state);
    assert.ok(id && color, state);
    byIcon.set(`${id} ${color}`, [...(byIcon.get(`${id} ${color}`) ?? []), state]);
  }
  const failedLooking = byIcon.get('error testing.iconFailed') ?? [];
  assert.deepEqual(failedLooking, ['JOB_STATE_FAILED']);
});
