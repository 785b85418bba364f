// Table-driven cases for the validator. Each case names the page or proto comment it comes from;
// "compute" is https://cloud.google.com/vertex-ai/docs/training/configure-compute,
// "distributed" https://cloud.google.com/vertex-ai/docs/training/distributed-training,
// "containers" https://cloud.google.com/vertex-ai/docs/training/configure-container-settings,
// "prebuilt" https://cloud.google.com/vertex-ai/docs/training/pre-built-containers,
// "hp" https://cloud.google.com/vertex-ai/docs/training/using-hyperparameter-tuning and study.proto.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSpec, hasErrors } from '../../../src/jobs/spec-validate';
import type { SpecDiagnostic, SpecEdit, ValidationContext } from '../../../src/jobs/spec-types';

const CONTEXT: ValidationContext = { substitutions: { env: { USER: 'ada' }, gitSha: 'abc123', workspaceFolder: '/w' }, defaultRegion: 'us-central1' };

function apply(text: string, edits: SpecEdit[]): string {
  return [...edits].sort((a, b) => b.range.startOffset - a.range.startOffset)
    .reduce((out, e) => out.slice(0, e.range.startOffset) + e.newText + out.slice(e.range.endOffset), text);
}

function pool(machine: string, extra = '', image = 'us-central1-docker.pkg.dev/p/r/trainer:v1'): string {
  return `  - machineSpec: {${machine}}\n    replicaCount: 1\n    containerSpec: {imageUri: ${image}}\n${extra}`;
}

interface Case {
  name: string;
  source: string;
  yaml: string;
  rule: string;
  /** The text the diagnostic underlines. */
  at: string;
  severity?: SpecDiagnostic['severity'];
  /** Title of the quick fix to apply; after it the rule must be gone. */
  fix?: string;
  context?: ValidationContext;
}

const CASES: Case[] = [
  { name: 'g2-standard-8 takes exactly one L4', source: 'compute', rule: 'accelerator-count', at: '2', fix: 'Set acceleratorCount to 1',
    yaml: `workerPoolSpecs:\n${pool('machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 2')}` },
  { name: 'L4 needs a g2 machine type', source: 'compute', rule: 'accelerator-machine', at: 'NVIDIA_L4', fix: 'Use machine type g2-standard-4',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4, acceleratorType: NVIDIA_L4, acceleratorCount: 1')}` },
  { name: 'an accelerator type needs a count', source: 'compute', rule: 'accelerator-pair', at: 'NVIDIA_TESLA_T4', fix: 'Set acceleratorCount to 1',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-8, acceleratorType: NVIDIA_TESLA_T4')}` },
  { name: 'a v5e topology the machine type does not have', source: 'compute', rule: 'tpu-topology', at: '2x2', fix: 'Use machine type ct5lp-hightpu-4t',
    yaml: `workerPoolSpecs:\n${pool('machineType: ct5lp-hightpu-1t, tpuTopology: 2x2')}` },
  { name: 'a TPU job has one worker pool', source: 'compute', rule: 'tpu-pools', at: 'machineSpec: {machineType: n1-standard-4}',
    yaml: `workerPoolSpecs:\n${pool('machineType: cloud-tpu, acceleratorType: TPU_V3, acceleratorCount: 8')}${pool('machineType: n1-standard-4')}` },
  { name: 'the primary pool has one replica', source: 'distributed', rule: 'primary-replica-count', at: '4', fix: 'Set replicaCount to 1',
    yaml: 'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    replicaCount: 4\n    containerSpec: {imageUri: gcr.io/p/i}\n' },
  { name: 'the primary pool cannot be empty', source: 'custom_job.proto workerPoolSpecs', rule: 'primary-pool-empty', at: '{}',
    yaml: `workerPoolSpecs:\n  - {}\n${pool('machineType: n1-standard-4')}` },
  { name: 'a pool runs a container or a Python package', source: 'gcloud custom-jobs validation', rule: 'pool-task', at: 'machineSpec: {machineType: n1-standard-4}',
    yaml: 'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    replicaCount: 1\n' },
  { name: 'not both a container and a Python package', source: 'custom_job.proto oneof task', rule: 'oneof-conflict', at: 'pythonPackageSpec', fix: 'Remove pythonPackageSpec',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '    pythonPackageSpec: {executorImageUri: gcr.io/p/e, packageUris: [gs://bkt/a.tar.gz], pythonModule: t.task}\n')}` },
  { name: 'a Python package spec needs its module', source: 'containers', rule: 'required-field', at: 'pythonPackageSpec',
    yaml: 'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    pythonPackageSpec: {executorImageUri: gcr.io/p/e, packageUris: [gs://bkt/a.tar.gz]}\n' },
  { name: 'pythonModule is a module, not a file', source: 'containers', rule: 'python-module', at: 'trainer/task.py', fix: 'Write trainer.task',
    yaml: 'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    pythonPackageSpec: {executorImageUri: gcr.io/p/e, packageUris: [gs://bkt/a.tar.gz], pythonModule: trainer/task.py}\n' },
  { name: 'an image URI has no scheme', source: 'containers', rule: 'image-uri', at: 'https://gcr.io/p/i', fix: 'Write gcr.io/p/i',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '', 'https://gcr.io/p/i')}` },
  { name: 'image paths are lowercase', source: 'containers', rule: 'image-uri', at: 'gcr.io/P/Trainer:v1', fix: 'Write gcr.io/p/trainer:v1',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '', 'gcr.io/P/Trainer:v1')}` },
  { name: 'prebuilt images only with :latest', source: 'prebuilt', rule: 'prebuilt-image-tag', at: 'us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-17.py310:2.17', fix: 'Use :latest',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '', 'us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-17.py310:2.17')}` },
  { name: 'a GPU prebuilt image on a pool without GPUs', source: 'prebuilt', rule: 'prebuilt-image-accelerator', severity: 'warning', at: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '', 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest')}` },
  { name: 'a prebuilt image past its end of availability', source: 'prebuilt', rule: 'prebuilt-image-unavailable', severity: 'warning', at: 'us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-15.py310:latest', fix: 'Use tf-cpu.2-17.py310',
    context: { ...CONTEXT, today: new Date('2025-12-01') },
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '', 'us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-15.py310:latest')}` },
  { name: 'a misspelled training region', source: "gcloud 528 SUPPORTED_TRAINING_REGIONS", rule: 'region', severity: 'warning', at: 'europe-nort1', fix: 'Use europe-north1',
    yaml: `region: europe-nort1\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'serviceAccount is an e-mail', source: 'custom_job.proto service_account', rule: 'service-account', at: 'trainer',
    yaml: `serviceAccount: trainer\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'durations are strings in seconds', source: 'proto3 JSON mapping of Duration', rule: 'duration-format', at: '3600', fix: 'Write "3600s"',
    yaml: `scheduling: {timeout: 3600}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'durations with other units', source: 'proto3 JSON mapping of Duration', rule: 'duration-format', at: '2h', fix: 'Write "7200s"',
    yaml: `scheduling:\n  maxWaitDuration: 2h\n  strategy: FLEX_START\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'label keys are lowercase', source: 'resource-manager labels requirements', rule: 'label-key', at: 'Team', fix: 'Rename to team',
    yaml: `labels: {Team: ml}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'label values are lowercase and short', source: 'resource-manager labels requirements', rule: 'label-value', at: 'Big Model', fix: 'Change to big-model',
    yaml: `labels: {model: Big Model}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'displayName is at most 128 characters', source: 'custom_job.proto display_name', rule: 'display-name', at: 'x'.repeat(129),
    yaml: `displayName: ${'x'.repeat(129)}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'keys are camelCase, as gcloud reads them', source: 'gcloud custom-jobs --config help', rule: 'unknown-field', at: 'enable_web_access', fix: 'Rename to enableWebAccess',
    yaml: `enable_web_access: true\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'an unquoted no is a boolean in YAML 1.1', source: 'gcloud --config loader', rule: 'wrong-type', at: 'no', fix: 'Quote it: "no"',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '    ', '')}`.replace('imageUri: }', 'imageUri: gcr.io/p/i, args: [--resume, no]}') },
  { name: 'enum values are upper case', source: 'custom_job.proto Scheduling.Strategy', rule: 'enum-value', at: 'spot', fix: 'Change to SPOT',
    yaml: `scheduling: {strategy: spot}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'maxWaitDuration needs FLEX_START', source: 'custom_job.proto max_wait_duration', rule: 'max-wait-duration', severity: 'warning', at: 'maxWaitDuration', fix: 'Set strategy to FLEX_START',
    yaml: `scheduling: {maxWaitDuration: 1800s}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'the staging bucket is in the job region', source: 'containers-overview (same region)', rule: 'bucket-region', severity: 'warning', at: 'gs://eu-bucket/out',
    context: { ...CONTEXT, bucketLocations: { 'eu-bucket': 'EUROPE-WEST4' } },
    yaml: `baseOutputDirectory: {outputUriPrefix: gs://eu-bucket/out}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'unknown substitution variables', source: 'issue 5', rule: 'substitution-unknown', at: '${git.branch}',
    yaml: `workerPoolSpecs:\n${pool('machineType: n1-standard-4', '', '"gcr.io/p/i:${git.branch}"')}` },
  { name: 'parallel trials at most max trials', source: 'hp', rule: 'hp-parallel-trials', at: '8', fix: 'Set parallelTrialCount to 4',
    yaml: `hyperparameterTuning:\n  maxTrialCount: 4\n  parallelTrialCount: 8\n  studySpec:\n    metrics: [{metricId: acc, goal: MAXIMIZE}]\n    parameters: [{parameterId: lr, doubleValueSpec: {minValue: 0.001, maxValue: 0.1}}]\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'a metric needs a goal', source: 'hp', rule: 'hp-metric-goal', at: '{metricId: acc}', fix: 'Set goal to MAXIMIZE',
    yaml: `hyperparameterTuning:\n  studySpec:\n    metrics: [{metricId: acc}]\n    parameters: [{parameterId: lr, doubleValueSpec: {minValue: 0.001, maxValue: 0.1}}]\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'grid search takes no DOUBLE parameters', source: 'study.proto Algorithm', rule: 'hp-grid-search', at: 'doubleValueSpec', fix: 'Use RANDOM_SEARCH',
    yaml: `hyperparameterTuning:\n  studySpec:\n    algorithm: GRID_SEARCH\n    metrics: [{metricId: acc, goal: MAXIMIZE}]\n    parameters: [{parameterId: lr, doubleValueSpec: {minValue: 0.001, maxValue: 0.1}}]\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'log scale needs a positive range', source: 'study.proto ScaleType', rule: 'hp-log-scale', at: '0', fix: 'Use UNIT_LINEAR_SCALE',
    yaml: `hyperparameterTuning:\n  studySpec:\n    metrics: [{metricId: acc, goal: MAXIMIZE}]\n    parameters: [{parameterId: lr, scaleType: UNIT_LOG_SCALE, doubleValueSpec: {minValue: 0, maxValue: 0.1}}]\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'discrete values increase', source: 'study.proto DiscreteValueSpec', rule: 'hp-discrete-order', at: '[8, 16, 4]', fix: 'Sort the values',
    yaml: `hyperparameterTuning:\n  studySpec:\n    metrics: [{metricId: acc, goal: MAXIMIZE}]\n    parameters: [{parameterId: batch, discreteValueSpec: {values: [8, 16, 4]}}]\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'a local build whose image no pool runs', source: 'issue 5 local sections', rule: 'local-build-unused', severity: 'warning', at: '"gcr.io/p/built:${git.sha}"', fix: 'Run gcr.io/p/built:abc123 in worker pool 0',
    yaml: `local:\n  build: {image: "gcr.io/p/built:\${git.sha}"}\nworkerPoolSpecs:\n${pool('machineType: n1-standard-4')}` },
  { name: 'a local package folder that does not exist', source: 'issue 5 local sections', rule: 'local-path-missing', at: './trainer',
    context: { ...CONTEXT, files: { specDir: '/w', exists: (p) => p === '/w' } },
    yaml: 'local:\n  pythonPackage: {path: ./trainer, packageUri: gs://bkt/t.tar.gz}\nworkerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    pythonPackageSpec: {executorImageUri: gcr.io/p/e, packageUris: [gs://bkt/t.tar.gz], pythonModule: t.task}\n' },
];

describe('spec validator: one rule per case, at the exact text, with its fix', () => {
  for (const c of CASES) {
    it(`${c.name} (${c.source})`, () => {
      const result = analyzeSpec(c.yaml, 'job.vertex.yaml', c.context ?? CONTEXT);
      const found = result.diagnostics.find((d) => d.rule === c.rule);
      assert.ok(found, `expected ${c.rule}; got ${result.diagnostics.map((d) => `${d.rule}: ${d.message}`).join(' | ')}`);
      assert.equal(found.severity, c.severity ?? 'error');
      assert.equal(c.yaml.slice(found.range.startOffset, found.range.endOffset), c.at);
      assert.equal(found.range.start.line, c.yaml.slice(0, found.range.startOffset).split('\n').length - 1);
      if (c.fix !== undefined) {
        const fix = found.fixes.find((f) => f.title === c.fix);
        assert.ok(fix, `expected fix "${c.fix}"; got ${found.fixes.map((f) => f.title).join(', ')}`);
        const fixed = apply(c.yaml, fix.edits);
        const after = analyzeSpec(fixed, 'job.vertex.yaml', c.context ?? CONTEXT);
        assert.deepEqual(after.diagnostics.filter((d) => d.rule === c.rule).map((d) => d.message), [], fixed);
        assert.deepEqual(after.parsed.diagnostics, []);
      }
    });
  }
});

const VALID: Record<string, string> = {
  'one GPU (compute)': `displayName: gpu\nworkerPoolSpecs:\n${pool('machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1')}`,
  'TPU v5e 2x4 (compute)': `workerPoolSpecs:\n${pool('machineType: ct5lp-hightpu-8t, tpuTopology: 2x4')}`,
  'TPU v3-8 (compute)': `workerPoolSpecs:\n${pool('machineType: cloud-tpu, acceleratorType: TPU_V3, acceleratorCount: 8')}`,
  'distributed with a reduction server and an empty evaluator slot (distributed)': `workerPoolSpecs:\n${pool('machineType: a2-highgpu-1g, acceleratorType: NVIDIA_TESLA_A100, acceleratorCount: 1')}` +
    `  - machineSpec: {machineType: a2-highgpu-1g, acceleratorType: NVIDIA_TESLA_A100, acceleratorCount: 1}\n    replicaCount: 3\n    containerSpec: {imageUri: gcr.io/p/i}\n` +
    '  - machineSpec: {machineType: n1-highcpu-16}\n    replicaCount: 2\n    containerSpec: {imageUri: us-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest}\n  - {}\n',
  'SPOT with a timeout, env and substitutions (compute)': `scheduling: {strategy: SPOT, timeout: 7200s}\nlabels: {owner: "\${env:USER}"}\nworkerPoolSpecs:\n` +
    pool('machineType: n1-standard-8, acceleratorType: NVIDIA_TESLA_T4, acceleratorCount: 2', '', '"gcr.io/p/i:${git.sha}"'),
  'Python package on a prebuilt image (containers)': 'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    replicaCount: "1"\n' +
    '    pythonPackageSpec:\n      executorImageUri: us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest\n      packageUris: [gs://bkt/t.tar.gz]\n      pythonModule: trainer.task\n',
};

describe('spec validator: valid specs have no errors', () => {
  for (const [name, yaml] of Object.entries(VALID)) {
    it(name, () => {
      const result = analyzeSpec(yaml, 'job.vertex.yaml', CONTEXT);
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`), []);
      assert.equal(hasErrors(result.diagnostics), false);
      assert.ok(result.spec?.jobSpec.workerPoolSpecs);
    });
  }

  it('a training region whose accelerators are not listed raises no region problem (gcloud 528 SUPPORTED_TRAINING_REGIONS)', () => {
    const yaml = `region: europe-north1\nworkerPoolSpecs:\n${pool('machineType: a3-highgpu-8g, acceleratorType: NVIDIA_H100_80GB, acceleratorCount: 8')}`;
    const result = analyzeSpec(yaml, 'job.vertex.yaml', CONTEXT);
    assert.deepEqual(result.diagnostics.filter((d) => d.rule.startsWith('region')).map((d) => d.message), []);
    assert.equal(result.region, 'europe-north1');
  });

  it('normalises to proto3 JSON and substitutes variables', () => {
    const result = analyzeSpec(VALID['SPOT with a timeout, env and substitutions (compute)'], 'job.vertex.yaml', CONTEXT);
    assert.deepEqual(result.spec?.labels, { owner: 'ada' });
    assert.deepEqual(result.spec?.jobSpec.workerPoolSpecs, [{ machineSpec: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 2 },
      replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i:abc123' } }]);
    assert.equal(result.region, 'us-central1');
  });
});

describe('spec validator: bad input gives diagnostics, never a throw', () => {
  const inputs = ['', '- a\n- b\n', 'a: [1, 2', 'workerPoolSpecs: 3', 'workerPoolSpecs:\n  - 7\n  - [x]\n', '{"workerPoolSpecs": [}',
    'workerPoolSpecs: &a\n  - *a\n', 'a: 1\na: 2\n', '\u0000\u0001', 'workerPoolSpecs:\n  - machineSpec: {machineType: [1]}\n    replicaCount: {a: 1}\n'];
  for (const input of inputs) {
    it(JSON.stringify(input), () => {
      for (const name of ['x.vertex.yaml', 'x.vertex.json']) {
        const result = analyzeSpec(input, name, CONTEXT);
        assert.ok(result.diagnostics.length > 0, `${name}: expected a diagnostic`);
        assert.ok(result.diagnostics.every((d) => d.range.startOffset <= d.range.endOffset && d.range.endOffset <= input.length));
      }
    });
  }

  it('points a YAML syntax error at its line', () => {
    const [first] = analyzeSpec('workerPoolSpecs: []\ndisplayName: a: b\n', 'x.vertex.yaml').diagnostics;
    assert.equal(first.rule, 'yaml-syntax');
    assert.equal(first.range.start.line, 1);
  });

  it('points a JSON syntax error at its offset', () => {
    const text = '{\n  "workerPoolSpecs": [,]\n}';
    const [first] = analyzeSpec(text, 'x.vertex.json').diagnostics;
    assert.equal(first.rule, 'json-syntax');
    assert.equal(first.range.startOffset, text.indexOf(','));
  });
});
