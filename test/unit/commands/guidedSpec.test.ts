import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { freeSpecFileName, HARDWARE_PRESETS, jobNameFor, pythonModule, renderGuidedSpec, splitArgs } from '../../../src/commands/guidedSpec';
import type { GuidedSpecInput } from '../../../src/commands/guidedSpec';
import { prebuiltImages } from '../../../src/jobs/spec-images';
import { analyzeSpec } from '../../../src/jobs/spec-validate';

const errors = (text: string) => analyzeSpec(text, '/ws/train.vertex.yaml', { defaultRegion: 'us-central1', files: { specDir: '/ws', exists: () => true } })
  .diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'region-accelerator').map((d) => `${d.rule}: ${d.message}`);

const base: GuidedSpecInput = {
  displayName: 'train', region: 'us-central1', machineSpec: HARDWARE_PRESETS[0].machineSpec, args: ['--epochs=3', 'yes'],
  container: { kind: 'registry', imageUri: 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest' },
};

describe('the guided flow\'s spec file', () => {
  for (const preset of HARDWARE_PRESETS) {
    test(`preset ${preset.label} is valid hardware`, () => {
      assert.deepEqual(errors(renderGuidedSpec({ ...base, machineSpec: preset.machineSpec })), []);
    });
  }

  test('an Artifact Registry image runs the chosen file, or its own entry point', () => {
    const withEntry = parse(renderGuidedSpec({ ...base, entryPoint: 'trainer/task.py' }), { version: '1.1' });
    assert.deepEqual(withEntry.workerPoolSpecs[0].containerSpec, {
      imageUri: 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest', command: ['python3', 'trainer/task.py'], args: ['--epochs=3', 'yes'],
    });
    assert.equal(withEntry.local, undefined);
    const own = parse(renderGuidedSpec(base), { version: '1.1' });
    assert.equal(own.workerPoolSpecs[0].containerSpec.command, undefined);
  });

  test('"yes" stays a string for YAML 1.1 readers such as gcloud', () => {
    assert.match(renderGuidedSpec(base), /- "yes"/);
  });

  test('a Dockerfile adds local.build for the image the pool runs', () => {
    const text = renderGuidedSpec({ ...base, container: { kind: 'dockerfile', dockerfile: 'Dockerfile', imageUri: 'us-central1-docker.pkg.dev/p/training/train:${git.sha}' } });
    assert.deepEqual(parse(text, { version: '1.1' }).local, { build: { image: 'us-central1-docker.pkg.dev/p/training/train:${git.sha}', context: '.', dockerfile: 'Dockerfile' } });
    const result = analyzeSpec(text, '/ws/train.vertex.yaml', { substitutions: { gitSha: 'abc' }, defaultRegion: 'us-central1' });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(result.spec?.local?.build);
  });

  test('a prebuilt image runs the code as a Python package from the region\'s host', () => {
    const prebuilt = prebuiltImages().find((i) => i.name === 'pytorch-gpu.2-4.py310');
    const text = renderGuidedSpec({ ...base, region: 'europe-west4', entryPoint: 'trainer/task.py', prebuilt, machineSpec: HARDWARE_PRESETS[2].machineSpec,
      container: { kind: 'prebuilt', image: 'pytorch-gpu.2-4.py310', packageUri: 'gs://demo-project-vertex-staging/train/train-0.1.0.tar.gz' } });
    const spec = parse(text, { version: '1.1' });
    assert.deepEqual(spec.workerPoolSpecs[0].pythonPackageSpec, {
      executorImageUri: 'europe-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
      packageUris: ['gs://demo-project-vertex-staging/train/train-0.1.0.tar.gz'], pythonModule: 'trainer.task', args: ['--epochs=3', 'yes'],
    });
    assert.deepEqual(spec.local, { pythonPackage: { path: '.', packageUri: 'gs://demo-project-vertex-staging/train/train-0.1.0.tar.gz' } });
  });
});

test('helpers', () => {
  assert.equal(pythonModule('trainer/task.py'), 'trainer.task');
  assert.equal(pythonModule('train.py'), 'train');
  assert.deepEqual(splitArgs(`--lr 0.1 --name "my run" 'a b' --x=\\"q\\"`), ['--lr', '0.1', '--name', 'my run', 'a b', '--x=\\"q\\"']);
  assert.deepEqual(splitArgs('   '), []);
  assert.equal(jobNameFor('/ws/My_Trainer.py'), 'my-trainer');
  assert.equal(jobNameFor('/ws/resnet50'), 'resnet50');
  assert.equal(freeSpecFileName('train', (n) => n === 'train.vertex.yaml'), 'train-2.vertex.yaml');
});
