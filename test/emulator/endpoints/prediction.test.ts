import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../core/errors';
import { canonicalJson, predictionFor, validateInstances } from './prediction';

describe('deterministic prediction', () => {
  it('depends on the deployed model and the instance, not key order', () => {
    const p = predictionFor('111', { x: 1, y: [2, 3] });
    assert.equal(p, predictionFor('111', { y: [2, 3], x: 1 }));
    assert.notEqual(p, predictionFor('222', { x: 1, y: [2, 3] }));
    assert.notEqual(p, predictionFor('111', { x: 2, y: [2, 3] }));
    assert.ok(p >= 0 && p < 1);
    assert.equal(p, Math.floor(p * 1e6) / 1e6);
    assert.equal(canonicalJson({ b: 1, a: { d: null, c: 'x' } }), '{"a":{"c":"x","d":null},"b":1}');
  });

  it('refuses empty, null and mixed instances', () => {
    const invalid = (e: unknown) => e instanceof ApiError && e.status === 'INVALID_ARGUMENT';
    assert.throws(() => validateInstances([]), invalid);
    assert.throws(() => validateInstances(undefined), invalid);
    assert.throws(() => validateInstances([[1], null]), invalid);
    assert.throws(() => validateInstances([[1, 2], { a: 1 }]), /instance 1 is a JSON object, but instance 0 is a JSON array/);
    assert.deepEqual(validateInstances([[1], [2]]), [[1], [2]]);
  });
});
