import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../core/errors';
import type { JsonObject } from '../core/json';
import { defaultVersion, nextVersionId, placeNewVersion, resolveVersion, splitModelName, validateAliases } from './versions';

const v = (versionId: string, ...versionAliases: string[]): JsonObject => ({ name: 'projects/1/locations/us-central1/models/7', versionId, versionAliases });

describe('model versions', () => {
  it('splits a name at @', () => {
    assert.deepEqual(splitModelName('projects/1/locations/l/models/7'), { model: 'projects/1/locations/l/models/7' });
    assert.deepEqual(splitModelName('projects/1/locations/l/models/7@2'), { model: 'projects/1/locations/l/models/7', selector: '2' });
  });

  it('resolves the default, a version id and an alias', () => {
    const versions = [v('1'), v('2', 'default', 'prod'), v('3', 'canary')];
    assert.equal(resolveVersion(versions, undefined)?.versionId, '2');
    assert.equal(resolveVersion(versions, '-')?.versionId, '2');
    assert.equal(resolveVersion(versions, '3')?.versionId, '3');
    assert.equal(resolveVersion(versions, 'canary')?.versionId, '3');
    assert.equal(resolveVersion(versions, '9'), undefined);
    assert.equal(resolveVersion(versions, 'nope'), undefined);
  });

  it('numbers versions after the highest one', () => {
    assert.equal(nextVersionId([]), '1');
    assert.equal(nextVersionId([v('1'), v('4'), v('2')]), '5');
  });

  it('makes the first version the default', () => {
    assert.deepEqual(placeNewVersion([], []).aliases, ['default']);
    assert.deepEqual(placeNewVersion([], ['prod']).aliases, ['default', 'prod']);
  });

  it('leaves default where it is unless the new version asks for it', () => {
    const existing = [v('1', 'default', 'prod')];
    const kept = placeNewVersion(existing, ['canary']);
    assert.deepEqual(kept.aliases, ['canary']);
    assert.deepEqual(kept.changed, []);
    const moved = placeNewVersion(existing, ['default', 'prod']);
    assert.deepEqual(moved.aliases, ['default', 'prod']);
    assert.deepEqual(moved.changed.map((c) => c.versionAliases), [[]]);
    assert.equal(defaultVersion([...moved.changed, { ...v('2'), versionAliases: moved.aliases }])?.versionId, '2');
  });

  it('refuses aliases outside the documented format', () => {
    for (const bad of ['1', 'A', 'prod-', 'x', 'has_underscore']) {
      assert.throws(() => validateAliases([bad], 'version_aliases'), (e: unknown) => e instanceof ApiError && e.status === 'INVALID_ARGUMENT', bad);
    }
    assert.throws(() => validateAliases(['prod', 'prod'], 'version_aliases'), ApiError);
    validateAliases(['prod', 'canary-2', 'aBc'], 'version_aliases');
  });
});
