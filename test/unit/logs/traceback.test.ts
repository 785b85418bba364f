import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchingSuffix, tracebackFrames } from '../../../src/logs/traceback';

test('traceback frames: the quoted path, its offsets and the line number', () => {
  const text = 'x\n  File "/root/.local/lib/python3.10/site-packages/trainer/task.py", line 88, in <module>\n  File "<frozen runpy>", line 1\n  File "/app/train.py", line 7';
  const frames = tracebackFrames(text);
  assert.deepEqual(frames.map((f) => [f.path, f.line]), [['/root/.local/lib/python3.10/site-packages/trainer/task.py', 88], ['/app/train.py', 7]]);
  for (const f of frames) assert.equal(text.slice(f.pathStart, f.pathEnd), f.path);
});

test('paths match workspace files by their common trailing segments', () => {
  const inContainer = '/root/.local/lib/python3.10/site-packages/trainer/task.py'.split('/').filter(Boolean);
  assert.equal(matchingSuffix(inContainer, ['trainer', 'task.py']), 2);
  assert.equal(matchingSuffix(inContainer, ['src', 'trainer', 'task.py']), 2);
  assert.equal(matchingSuffix(inContainer, ['other', 'task.py']), 1);
  assert.equal(matchingSuffix(inContainer, ['task.pyc']), 0);
});
