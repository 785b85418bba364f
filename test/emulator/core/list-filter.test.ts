import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './errors';
import type { JsonObject } from './json';
import { compileFilter, compileOrderBy } from './list-filter';
import { paginate } from './paging';
import { compileTemplate } from './path-template';

const jobs: JsonObject[] = [
  { name: 'a', displayName: 'train-resnet', state: 'JOB_STATE_SUCCEEDED', createTime: '2024-01-01T00:00:00Z', labels: { team: 'vision' } },
  { name: 'b', displayName: 'train-bert', state: 'JOB_STATE_FAILED', createTime: '2024-02-01T00:00:00Z', labels: { team: 'nlp', env: 'dev' } },
  { name: 'c', displayName: 'eval', state: 'JOB_STATE_RUNNING', createTime: '2024-03-01T00:00:00.5Z' },
];

function names(filter: string): string[] {
  const p = compileFilter(filter);
  return jobs.filter(p).map((j) => String(j.name));
}

describe('list filters (AIP-160 subset)', () => {
  const cases: Array<[string, string[]]> = [
    ['', ['a', 'b', 'c']],
    ['state="JOB_STATE_FAILED"', ['b']],
    ['state=JOB_STATE_FAILED OR state=JOB_STATE_RUNNING', ['b', 'c']],
    ['state!="JOB_STATE_FAILED"', ['a', 'c']],
    ['display_name:"train-*"', ['a', 'b']],
    ['display_name:bert', ['b']],
    ['display_name="train-*"', ['a', 'b']],
    ['labels.team="nlp"', ['b']],
    ['labels.env:*', ['b']],
    ['labels:team', ['a', 'b']],
    ['create_time>"2024-01-15T00:00:00Z"', ['b', 'c']],
    ['create_time>=2024-02-01T00:00:00Z AND create_time<2024-03-01T00:00:00Z', ['b']],
    ['NOT state="JOB_STATE_RUNNING" state!="JOB_STATE_FAILED"', ['a']],
    ['-labels.team:* ', ['c']],
    ['(state="JOB_STATE_FAILED" OR state="JOB_STATE_RUNNING") AND display_name:train', ['b']],
  ];
  for (const [filter, expected] of cases) {
    it(`${filter || '(empty)'} → ${expected.join(',') || 'none'}`, () => assert.deepEqual(names(filter), expected));
  }

  it('rejects malformed filters and unknown fields with INVALID_ARGUMENT', () => {
    for (const f of ['state=', '(state="x"', 'state="x', 'foo bar baz =']) {
      assert.throws(() => compileFilter(f), (e: unknown) => e instanceof ApiError && e.status === 'INVALID_ARGUMENT', f);
    }
    assert.throws(() => compileFilter('color="red"', { fields: ['state'] }), /unsupported field color/);
  });

  it('orders by several keys and directions', () => {
    const cmp = compileOrderBy('state, create_time desc')!;
    assert.deepEqual([...jobs].sort(cmp).map((j) => j.name), ['b', 'c', 'a']);
    assert.throws(() => compileOrderBy('create_time sideways'), ApiError);
  });
});

describe('paging', () => {
  const items = Array.from({ length: 25 }, (_, i) => i);
  it('walks every item once with tokens, and omits the token on the last page', () => {
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, { pageSize: 10, pageToken: token }, { query: 'q' });
      seen.push(...page.items);
      token = page.nextPageToken;
      pages++;
    } while (token);
    assert.deepEqual(seen, items);
    assert.equal(pages, 3);
  });
  it('caps the page size and rejects tokens from another query', () => {
    assert.equal(paginate(items, { pageSize: 500 }, { maxSize: 7 }).items.length, 7);
    const token = paginate(items, { pageSize: 5 }, { query: 'a' }).nextPageToken;
    assert.throws(() => paginate(items, { pageSize: 5, pageToken: token }, { query: 'b' }), /Invalid page token/);
    assert.throws(() => paginate(items, { pageToken: 'garbage' }), /Invalid page token/);
  });
});

describe('path templates', () => {
  it('matches variables, ** and custom verbs', () => {
    const t = compileTemplate('/v1/{name=projects/*/locations/*/customJobs/*}:cancel');
    assert.deepEqual(t.regex.exec('/v1/projects/p/locations/l/customJobs/1:cancel')?.slice(1), ['projects/p/locations/l/customJobs/1']);
    assert.equal(t.regex.exec('/v1/projects/p/locations/l/customJobs/1'), null);
    const ops = compileTemplate('/ui/{name=**/operations/*}');
    assert.deepEqual(ops.regex.exec('/ui/projects/1/locations/l/models/2/operations/3')?.slice(1), ['projects/1/locations/l/models/2/operations/3']);
    const get = compileTemplate('/v1/{name=projects/*/locations/*/customJobs/*}');
    assert.equal(get.regex.exec('/v1/projects/p/locations/l/customJobs/1:cancel'), null, 'a verb is not part of the last segment');
    assert.deepEqual(compileTemplate('/v1/{parent}/x').fields, ['parent']);
  });
});
