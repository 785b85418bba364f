import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCodeCacheDir, flushCodeCaches, requireWithCodeCache } from '../../../src/cloud/bundleCodeCache';

function bundle(dir: string, answer: number): string {
  const file = join(dir, 'lib.js');
  // Builtins resolve as they would for a bundle required normally.
  writeFileSync(file, `const { join } = require('node:path');\nexports.answer = () => ${answer};\nexports.where = join(__dirname, 'x');\n`);
  return file;
}

test('a bundle loads like require, writes its code cache after a miss and uses it next time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
  try {
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    const file = bundle(dir, 42);
    const first = requireWithCodeCache(file, { dir: cacheDir });
    const lib = first.exports as { answer(): number; where: string };
    assert.equal(lib.answer(), 42);
    assert.equal(lib.where, join(dir, 'x'));
    assert.equal(first.cache, 'miss');
    assert.equal(readdirSync(cacheDir).length, 0, 'nothing written before the flush');
    flushCodeCaches();
    await first.written;
    assert.equal(readdirSync(cacheDir).length, 1);
    const { cache } = createRequire(file);
    assert.equal(cache[file]?.exports, lib, 'in the module cache, as require would leave it');
    assert.equal(requireWithCodeCache(file, { dir: cacheDir }).exports, lib, 'loaded once per process');

    // A new process, as far as the module cache goes.
    delete cache[file];
    const second = requireWithCodeCache(file, { dir: cacheDir });
    assert.equal(second.cache, 'hit');
    assert.equal((second.exports as { answer(): number }).answer(), 42);

    // Same length, other code: a new cache entry, never the old code; the old entry goes.
    bundle(dir, 43);
    delete cache[file];
    const changed = requireWithCodeCache(file, { dir: cacheDir });
    assert.equal(changed.cache, 'miss');
    assert.equal((changed.exports as { answer(): number }).answer(), 43);
    flushCodeCaches();
    await changed.written;
    assert.equal(readdirSync(cacheDir).length, 1);

    delete cache[file];
    assert.equal(requireWithCodeCache(file, { dir: undefined }).cache, 'off');
    delete cache[file];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the default cache directory is refused when others can write to it', { skip: process.getuid === undefined }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-tmp-'));
  const saved = process.env.TMPDIR;
  try {
    process.env.TMPDIR = dir;
    const own = defaultCodeCacheDir();
    if (!own?.startsWith(dir)) assert.fail(`expected a directory under ${dir}, got ${own}`);
    chmodSync(own, 0o777);
    assert.equal(defaultCodeCacheDir(), undefined);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});
