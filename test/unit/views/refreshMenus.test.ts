import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateCategory } from '../../../src/cloud/trainingJobTypes';
import { contextPart, contextValue } from '../../../src/views/tree/contextValue';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuItem[]> } };
const CATEGORIES: StateCategory[] = ['queued', 'pending', 'running', 'succeeded', 'failed', 'cancelling', 'cancelled', 'paused', 'unknown'];
const JOB_KINDS = ['custom', 'hpTuning', 'trainingPipeline', 'pipeline'];
const GROUP_KINDS = ['customJob', 'hpTuningJob', 'trainingPipeline', 'pipelineJob', 'batchPredictionJob'];

/** Every contextValue the views' nodes set, by view and node kind (as the node classes compose them). */
const NODES: Record<string, Record<string, string[]>> = {
  'vertexAI.trainingJobs': {
    job: JOB_KINDS.flatMap((kind) => CATEGORIES.map((c) => contextValue('job', kind, contextPart(c)))),
    jobGroup: GROUP_KINDS.map((kind) => contextValue('jobGroup', kind)),
    batchJob: CATEGORIES.map((c) => contextValue('batchJob', contextPart(c))),
  },
  'vertexAI.models': {
    model: [contextValue('model'), contextValue('model', 'deployed')],
    modelVersion: ['default', undefined].flatMap((d) => ['deployed', 'undeployed'].map((s) => contextValue('modelVersion', d, s))),
  },
  'vertexAI.endpoints': {
    endpoint: ['serving', 'empty'].flatMap((s) => [contextValue('endpoint', s), contextValue('endpoint', s, 'deploying')]),
    deployedModel: [contextValue('deployedModel', 'serving'), contextValue('deployedModel', 'noTraffic')],
  },
  'vertexAI.datasets': {
    dataset: [undefined, 'image', 'text', 'video', 'tabular', 'timeSeries'].map((t) => contextValue('dataset', t)),
  },
};

/** Messages, "Load more…" and a job's pools and trials are not resources of their own. */
const NOT_RESOURCES = new Set(['message', 'loadMore', 'workerPool', 'trial']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function offersRefresh(view: string, value: string): boolean {
  return manifest.contributes.menus['view/item/context'].some((m) => {
    if (m.command !== 'vertexAI.refreshItem' || !/^3_refresh@/.test(m.group ?? '')) return false;
    const match = /^view == ([\w.]+) && viewItem =~ \/(.+)\/$/.exec(m.when ?? '');
    assert.ok(match, `unexpected when clause for Refresh: ${m.when}`);
    return match[1] === view && new RegExp(match[2]).test(value);
  });
}

test('every resource node kind in the views is listed here', () => {
  const kinds = new Set(sourceFiles(join(root, 'src', 'views')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/contextValue\('(\w+)'/g)].map((m) => m[1])));
  const listed = new Set(Object.values(NODES).flatMap((byKind) => Object.keys(byKind)));
  assert.deepEqual([...kinds].filter((k) => !NOT_RESOURCES.has(k) && !listed.has(k)), []);
});

test('every resource node offers Refresh in its context menu', () => {
  const missing = Object.entries(NODES).flatMap(([view, byKind]) => Object.values(byKind).flat().filter((value) => !offersRefresh(view, value)).map((value) => `${view}: ${value}`));
  assert.deepEqual(missing, []);
});

test('message nodes and "Load more…" offer no Refresh (their Retry/Load actions do that)', () => {
  for (const view of Object.keys(NODES)) {
    for (const value of [contextValue('loadMore'), contextValue('message', 'empty')]) assert.equal(offersRefresh(view, value), false, `${view}: ${value}`);
  }
});
