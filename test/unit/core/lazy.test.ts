import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lazy } from '../../../src/core/lazy';

describe('Lazy', () => {
  it('loads once for concurrent callers and only when asked', async () => {
    let loads = 0;
    const lazy = new Lazy(() => ++loads);
    assert.equal(loads, 0);
    assert.equal(lazy.current(), undefined);
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    assert.deepEqual([a, b, loads, lazy.current()], [1, 1, 1, 1]);
  });

  it('keeps a failed load failed instead of loading twice', async () => {
    let loads = 0;
    const lazy = new Lazy((): number => {
      loads++;
      throw new Error('no bundle');
    });
    await assert.rejects(lazy.get(), /no bundle/);
    await assert.rejects(lazy.get(), /no bundle/);
    assert.equal(loads, 1);
    assert.equal(lazy.current(), undefined);
  });
});
