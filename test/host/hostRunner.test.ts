import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExitQueue, workbenchUrl } from './browser';
import { hostCacheDir, hostInstallDir } from './paths';
import { readTestRecords, summaryLine } from './results';

test('the workbench URL carries the folder and a payload of vscode-remote paths', () => {
  const url = new URL(workbenchUrl('http://127.0.0.1:4567', { folder: '/w s', extensionDevelopmentPath: '/ext', extensionTestsPath: '/t/index.js' }));
  assert.equal(url.searchParams.get('folder'), '/w s');
  assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
    ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4567/ext'],
    ['extensionTestsPath', 'vscode-remote://127.0.0.1:4567/t/index.js'],
    ['skipWelcome', 'true'],
  ]);
});

test('without tests the payload has no extensionTestsPath', () => {
  const url = new URL(workbenchUrl('http://127.0.0.1:1', { folder: '/w', extensionDevelopmentPath: '/ext' }));
  assert.ok(!url.searchParams.get('payload')?.includes('extensionTestsPath'));
});

test('a results line still being written is not read yet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  try {
    const file = join(dir, 'results.jsonl');
    appendFileSync(file, JSON.stringify({ title: 'a', state: 'passed', durationMs: 1 }) + '\n{"title":"b","sta');
    assert.deepEqual(readTestRecords(file).map((r) => r.title), ['a']);
    assert.deepEqual(readTestRecords(join(dir, 'missing.jsonl')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the summary line has the exact closing form, with skips only when there are some', () => {
  assert.equal(summaryLine([]), '0 passed, 0 failed');
  assert.equal(
    summaryLine([
      { title: 'a', state: 'passed', durationMs: 0 },
      { title: 'b', state: 'failed', durationMs: 0 },
      { title: 'c', state: 'skipped', durationMs: 0 },
    ]),
    '1 passed, 1 failed, 1 skipped',
  );
});

test('the host cache is VERTEX_HOST_CACHE, else under XDG_CACHE_HOME, else ~/.cache', () => {
  assert.equal(hostCacheDir({ VERTEX_HOST_CACHE: '/c', XDG_CACHE_HOME: '/x' }), '/c');
  assert.equal(hostCacheDir({ XDG_CACHE_HOME: '/x' }), '/x/vertex-ai-training');
  assert.match(hostCacheDir({}), /\.cache\/vertex-ai-training$/);
  assert.equal(hostInstallDir({ VERTEX_HOST_CACHE: '/c' }), '/c/code-server-4.96.4');
});

test('exit reports go to waiters in order, whether they arrive before or after the wait', async () => {
  const exits = new ExitQueue();
  exits.push({ code: 0 });
  assert.deepEqual(await exits.next(), { code: 0 });
  const second = exits.next();
  const third = exits.next();
  exits.push({ code: 1 });
  exits.push({ code: 2 });
  assert.deepEqual(await Promise.all([second, third]), [{ code: 1 }, { code: 2 }]);
});
