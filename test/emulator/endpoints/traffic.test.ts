import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../core/errors';
import { pickDeployedModel, readSplit, splitAfterDeploy, splitAfterUndeploy, validateSplit } from './traffic';

const status = (name: string) => (e: unknown) => e instanceof ApiError && e.status === name;

describe('traffic split', () => {
  it('reads int32 values given as numbers or strings', () => {
    assert.deepEqual(readSplit({ a: 60, b: '40' }, 'traffic_split'), { a: 60, b: 40 });
    assert.throws(() => readSplit({ a: 101 }, 'traffic_split'), status('INVALID_ARGUMENT'));
    assert.throws(() => readSplit({ a: 1.5 }, 'traffic_split'), status('INVALID_ARGUMENT'));
  });

  it('must sum to 100 and name deployed models', () => {
    validateSplit({}, ['a'], 'traffic_split');
    validateSplit({ a: 30, b: 70 }, ['a', 'b'], 'traffic_split');
    assert.throws(() => validateSplit({ a: 30, b: 60 }, ['a', 'b'], 'traffic_split'), /must be 100, but got 90/);
    assert.throws(() => validateSplit({ a: 50, c: 50 }, ['a', 'b'], 'traffic_split'), /ID c/);
  });

  it('gives the first deployed model all traffic', () => {
    assert.deepEqual(splitAfterDeploy({}, {}, 'n', []), { n: 100 });
  });

  it('keeps the split when a later deploy asks for none', () => {
    assert.deepEqual(splitAfterDeploy({ a: 100 }, {}, 'n', ['a']), { a: 100 });
  });

  it('reads "0" as the model being deployed', () => {
    assert.deepEqual(splitAfterDeploy({ a: 100 }, { a: 20, '0': 80 }, 'n', ['a']), { a: 20, n: 80 });
    assert.throws(() => splitAfterDeploy({ a: 100 }, { '0': 50 }, 'n', ['a']), status('INVALID_ARGUMENT'));
  });

  it('refuses to undeploy a model that still has traffic', () => {
    assert.throws(() => splitAfterUndeploy({ a: 50, b: 50 }, {}, 'a', ['b']), status('FAILED_PRECONDITION'));
    assert.deepEqual(splitAfterUndeploy({ a: 50, b: 50 }, { b: 100 }, 'a', ['b']), { b: 100 });
    assert.deepEqual(splitAfterUndeploy({ a: 100, b: 0 }, {}, 'b', ['a']), { a: 100 });
    assert.deepEqual(splitAfterUndeploy({ a: 100 }, {}, 'a', []), {});
  });

  it('routes each request the same way, and traffic by its shares', () => {
    const split = { a: 25, b: 75 };
    assert.equal(pickDeployedModel(split, 'req-1'), pickDeployedModel(split, 'req-1'));
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (let i = 0; i < 2000; i++) counts[pickDeployedModel(split, `req-${i}`) as string]++;
    assert.ok(counts.a > 400 && counts.a < 600, `a got ${counts.a}`);
    assert.equal(pickDeployedModel({}, 'x'), undefined);
    assert.equal(pickDeployedModel({ a: 0, b: 100 }, 'x'), 'b');
  });
});
