import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { editsFor } from '../../../src/jobs/spec-edits';
import { parseSpecText } from '../../../src/jobs/spec-parse';
import type { EditOp, SpecEdit } from '../../../src/jobs/spec-types';

function apply(text: string, edits: SpecEdit[]): string {
  return [...edits].sort((a, b) => b.range.startOffset - a.range.startOffset)
    .reduce((out, e) => out.slice(0, e.range.startOffset) + e.newText + out.slice(e.range.endOffset), text);
}

function edit(text: string, fileName: string, ops: EditOp[]): string {
  const parsed = parseSpecText(text, fileName);
  assert.deepEqual(parsed.diagnostics, []);
  const edits = editsFor(ops, parsed);
  assert.ok(edits, 'the edit could be placed');
  return apply(text, edits);
}

const BLOCK = `# a job
workerPoolSpecs:
  - machineSpec:
      machineType: n1-standard-4 # keep me
      acceleratorCount: 2
    replicaCount: 1
    containerSpec: {imageUri: gcr.io/p/i}
labels:
  team: ml
`;

describe('spec edits', () => {
  it('replaces a scalar and keeps comments and the rest of the text', () => {
    const out = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'set', path: ['workerPoolSpecs', 0, 'machineSpec', 'machineType'], value: 'g2-standard-8' }]);
    assert.equal(out, BLOCK.replace('n1-standard-4', 'g2-standard-8'));
  });

  it('inserts a missing key into a block mapping at its indentation', () => {
    const out = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'set', path: ['workerPoolSpecs', 0, 'machineSpec', 'acceleratorType'], value: 'NVIDIA_TESLA_T4' }]);
    assert.match(out, /acceleratorCount: 2\n {6}acceleratorType: NVIDIA_TESLA_T4\n {4}replicaCount: 1/);
    assert.equal(parse(out).workerPoolSpecs[0].machineSpec.acceleratorType, 'NVIDIA_TESLA_T4');
  });

  it('inserts missing parents as nested block YAML', () => {
    const out = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'set', path: ['scheduling', 'strategy'], value: 'SPOT' }]);
    assert.deepEqual(parse(out).scheduling, { strategy: 'SPOT' });
    assert.equal(parse(out).labels.team, 'ml');
  });

  it('inserts into a flow mapping', () => {
    const out = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'set', path: ['workerPoolSpecs', 0, 'containerSpec', 'args'], value: ['--epochs', '3'] }]);
    assert.match(out, /containerSpec: \{imageUri: gcr\.io\/p\/i, args: \[ --epochs, "3" \]\}/);
    assert.deepEqual(parse(out).workerPoolSpecs[0].containerSpec.args, ['--epochs', '3']);
  });

  it('removes a whole line, and a key that shares its line with a list dash', () => {
    const removed = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'remove', path: ['workerPoolSpecs', 0, 'machineSpec', 'acceleratorCount'] }]);
    assert.equal(removed, BLOCK.replace('      acceleratorCount: 2\n', ''));
    const dash = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'remove', path: ['workerPoolSpecs', 0, 'machineSpec'] }]);
    assert.deepEqual(parse(dash).workerPoolSpecs[0], { replicaCount: 1, containerSpec: { imageUri: 'gcr.io/p/i' } });
  });

  it('diffs an object value into per-key edits', () => {
    const out = edit(BLOCK, 'a.vertex.yaml', [{ kind: 'set', path: ['workerPoolSpecs', 0, 'machineSpec'],
      value: { machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 } }]);
    assert.match(out, /# keep me/);
    assert.deepEqual(parse(out).workerPoolSpecs[0].machineSpec, { machineType: 'n1-standard-4', acceleratorCount: 1, acceleratorType: 'NVIDIA_TESLA_T4' });
  });

  it('renames a key and removes a key by setting undefined', () => {
    const out = edit(BLOCK, 'a.vertex.yaml', [
      { kind: 'renameKey', path: ['labels', 'team'], key: 'group' },
      { kind: 'set', path: ['workerPoolSpecs', 0, 'replicaCount'], value: undefined },
    ]);
    assert.deepEqual(parse(out).labels, { group: 'ml' });
    assert.equal(parse(out).workerPoolSpecs[0].replicaCount, undefined);
  });

  it('edits JSON files as JSON', () => {
    const json = '{\n  "workerPoolSpecs": [\n    {\n      "machineSpec": { "machineType": "n1-standard-4" },\n      "replicaCount": "2"\n    }\n  ]\n}\n';
    const out = edit(json, 'a.vertex.json', [
      { kind: 'set', path: ['workerPoolSpecs', 0, 'replicaCount'], value: 1 },
      { kind: 'set', path: ['workerPoolSpecs', 0, 'containerSpec'], value: { imageUri: 'gcr.io/p/i' } },
      { kind: 'renameKey', path: ['workerPoolSpecs', 0, 'machineSpec'], key: 'machineSpec' },
    ]);
    assert.deepEqual(JSON.parse(out).workerPoolSpecs[0], { machineSpec: { machineType: 'n1-standard-4' }, replicaCount: 1, containerSpec: { imageUri: 'gcr.io/p/i' } });
    const removed = edit(out, 'a.vertex.json', [{ kind: 'remove', path: ['workerPoolSpecs', 0, 'replicaCount'] }]);
    assert.deepEqual(Object.keys(JSON.parse(removed).workerPoolSpecs[0]), ['machineSpec', 'containerSpec']);
  });

  it('says so when an edit cannot be placed', () => {
    const parsed = parseSpecText(BLOCK, 'a.vertex.yaml');
    assert.equal(editsFor([{ kind: 'remove', path: ['nothing', 'here'] }], parsed), undefined);
    assert.equal(editsFor([{ kind: 'set', path: ['workerPoolSpecs', 3, 'replicaCount'], value: 1 }], parsed), undefined);
  });
});
