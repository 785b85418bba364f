import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { valueCompletionContext } from '../../../src/views/spec/completionContext';
import { valueCompletions } from '../../../src/views/spec/completionItems';

/** The text with `|` marking the cursor. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const context = valueCompletionContext(text, offset);
  return { text, context, labels: context ? valueCompletions(context.path, context.root, new Date('2026-01-01')).map((c) => c.label) : [] };
}

describe('where a value is typed', () => {
  const cases: [string, string, (string | number)[], string][] = [
    ['block YAML', 'workerPoolSpecs:\n  - machineSpec:\n      machineType: g2-|\n', ['workerPoolSpecs', 0, 'machineSpec', 'machineType'], 'g2-'],
    ['an empty value', 'workerPoolSpecs:\n  - machineSpec:\n      machineType: g2-standard-8\n      acceleratorType: |\n', ['workerPoolSpecs', 0, 'machineSpec', 'acceleratorType'], ''],
    ['a flow mapping', 'workerPoolSpecs:\n  - machineSpec: {machineType: ct5lp-hightpu-4t, tpuTopology: |}\n', ['workerPoolSpecs', 0, 'machineSpec', 'tpuTopology'], ''],
    ['JSON, string still open', '{"workerPoolSpecs": [{"machineSpec": {"machineType": "n1-|\n}}]}', ['workerPoolSpecs', 0, 'machineSpec', 'machineType'], 'n1-'],
    ['the second pool', 'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n  - machineSpec:\n      machineType: a|\n', ['workerPoolSpecs', 1, 'machineSpec', 'machineType'], 'a'],
  ];
  for (const [name, marked, path, prefix] of cases) {
    test(name, () => {
      const { context } = at(marked);
      assert.deepEqual(context?.path, path);
      assert.equal(context?.prefix, prefix);
    });
  }

  test('the token under the cursor is replaced whole', () => {
    const { text, context } = at('scheduling:\n  strategy: SP|OT\n');
    assert.equal(context && text.slice(...context.replace), 'SPOT');
  });

  test('nothing is offered outside a value', () => {
    assert.equal(at('workerPoolSpecs:\n  - mach|').context, undefined);
  });
});

describe('what is offered', () => {
  test('machine types, those taking the chosen accelerator first', () => {
    const { context } = at('workerPoolSpecs:\n  - machineSpec:\n      machineType: |\n      acceleratorType: NVIDIA_L4\n');
    assert.ok(context);
    const items = valueCompletions(context.path, context.root);
    assert.ok(items.some((i) => i.label === 'n1-standard-4'));
    const first = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];
    assert.match(first.label, /^g2-standard-/);
    assert.match(items.find((i) => i.label === 'g2-standard-8')?.detail ?? '', /8 vCPUs · L4 ×1/);
  });

  test('the accelerators a machine takes, and their counts', () => {
    assert.deepEqual(at('workerPoolSpecs:\n  - machineSpec: {machineType: g2-standard-8, acceleratorType: |}\n').labels, ['NVIDIA_L4']);
    assert.deepEqual(at('workerPoolSpecs:\n  - machineSpec: {machineType: g2-standard-24, acceleratorType: NVIDIA_L4, acceleratorCount: |}\n').labels, ['2']);
    assert.deepEqual(at('workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-32, acceleratorType: NVIDIA_TESLA_T4, acceleratorCount: |}\n').labels, ['2', '4']);
  });

  test('TPU topologies of the machine type', () => {
    assert.deepEqual(at('workerPoolSpecs:\n  - machineSpec: {machineType: ct5lp-hightpu-8t, tpuTopology: |}\n').labels, ['2x4']);
  });

  test('prebuilt images for the pool\'s hardware, on the region\'s host', () => {
    const tpu = at('region: europe-west4\nworkerPoolSpecs:\n  - machineSpec: {machineType: ct5lp-hightpu-4t}\n    containerSpec: {imageUri: |}\n').labels;
    assert.ok(tpu.length > 0);
    assert.ok(tpu.every((uri) => uri.startsWith('europe-docker.pkg.dev/vertex-ai/training/')), tpu.join());
    assert.ok(tpu.some((uri) => /tpu|xla/.test(uri)));
    const gpu = at('workerPoolSpecs:\n  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}\n    containerSpec: {imageUri: |}\n').labels;
    assert.ok(gpu.includes('us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest'), gpu.join());
    assert.ok(!gpu.some((uri) => uri.includes('-cpu.')));
  });

  test('regions, those offering the job\'s accelerators first', () => {
    const { context } = at('region: |\nworkerPoolSpecs:\n  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}\n');
    assert.ok(context);
    const items = valueCompletions(context.path, context.root);
    const central = items.find((i) => i.label === 'us-central1');
    assert.match(central?.detail ?? '', /offers L4/);
    assert.ok(items.every((i) => i.sortText?.startsWith(i.detail?.includes('no L4') ? '1' : '0')));
  });

  test('enums from the protos, without the unspecified value', () => {
    assert.deepEqual(at('scheduling:\n  strategy: |\n').labels, ['ON_DEMAND', 'LOW_COST', 'STANDARD', 'SPOT', 'FLEX_START']);
  });
});
