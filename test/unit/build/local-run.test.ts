import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LocalRunError, localRunPlan } from '../../../src/build/local-run';
import { applyEdits, pinImageEdits } from '../../../src/build/spec-pin';
import type { JobSpecFile } from '../../../src/jobs/spec-types';

const spec = (pool: Record<string, unknown>): JobSpecFile => ({ jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', ...pool }] } });

describe('Run Job Locally', () => {
  it('runs pool 0 with its command, args and env, the Vertex variables and the output folder mounted', () => {
    const plan = localRunPlan(spec({ containerSpec: { imageUri: 'img:1', command: ['python', '-m', 'trainer.task'], args: ['--epochs=1'], env: [{ name: 'A', value: 'b' }] } }),
      { outputDir: '/tmp/out', name: 'run-1', network: 'none' });
    assert.equal(plan.image, 'img:1');
    assert.deepEqual(plan.args.slice(0, 8), ['run', '--rm', '--name', 'run-1', '-v', '/tmp/out:/vertex/output', '--network', 'none']);
    assert.deepEqual(plan.args.slice(-6), ['--entrypoint', 'python', 'img:1', '-m', 'trainer.task', '--epochs=1']);
    assert.equal(plan.env.A, 'b');
    assert.equal(plan.env.AIP_MODEL_DIR, '/vertex/output/model/');
    assert.equal(JSON.parse(plan.env.CLUSTER_SPEC).task.type, 'workerpool0');
    assert.ok(plan.args.includes('AIP_CHECKPOINT_DIR=/vertex/output/checkpoints/'));
  });

  it('runs a locally built image instead of the pool\'s, and refuses Python packages', () => {
    assert.equal(localRunPlan(spec({ containerSpec: { imageUri: 'remote:1' } }), { outputDir: '/o', name: 'n', image: 'vertex-local/x:abc' }).image, 'vertex-local/x:abc');
    assert.throws(() => localRunPlan(spec({ pythonPackageSpec: { executorImageUri: 'e', packageUris: ['gs://b/p.tar.gz'], pythonModule: 't' } }), { outputDir: '/o', name: 'n' }), LocalRunError);
  });
});

describe('pinning the pushed image in the spec', () => {
  const digest = `sha256:${'1'.repeat(64)}`;
  it('rewrites local.build.image and the pools that run its repository, and nothing else (JSON)', () => {
    const text = JSON.stringify({
      local: { build: { image: 'us-docker.pkg.dev/p/r/img:latest' } },
      workerPoolSpecs: [{ containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/img:v1' } }, { containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/other:latest' } }],
    }, null, 2);
    const pinned = `us-docker.pkg.dev/p/r/img@${digest}`;
    const edits = pinImageEdits(text, 'x.vertex.json', pinned);
    assert.equal(edits?.length, 2);
    const after = JSON.parse(applyEdits(text, edits ?? []));
    assert.equal(after.local.build.image, pinned);
    assert.equal(after.workerPoolSpecs[0].containerSpec.imageUri, pinned);
    assert.equal(after.workerPoolSpecs[1].containerSpec.imageUri, 'us-docker.pkg.dev/p/r/other:latest');
  });

  it('has nothing to pin without local.build.image', () => {
    assert.equal(pinImageEdits('workerPoolSpecs: []\n', 'x.vertex.yaml', 'a@b'), undefined);
  });
});
