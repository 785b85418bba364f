import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listContext } from '../../../src/build/context';
import { checkHardware } from '../../../src/jobs/hardware-rules';
import { buildSdist } from '../../../src/jobs/sdist';
import { parseSpecText } from '../../../src/jobs/spec-parse';
import { checkAgainstSchema } from '../../../src/jobs/spec-schema-check';
import { ScaffoldError, renderProject, writeProject } from '../../../src/scaffold/render';
import { prebuiltImages } from '../../../src/jobs/spec-images';
import { TEMPLATES, newestPrebuiltImage } from '../../../src/scaffold/templates';
import type { ImageKind, Packaging } from '../../../src/scaffold/templates';

const scratch = mkdtempSync(join(tmpdir(), 'scaffold-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// Imported by Python at startup when on PYTHONPATH: makes every ML framework unimportable, so
// `--help` proves the imports are deferred even on a machine that has the frameworks.
const noFrameworks = join(scratch, 'no-frameworks');
mkdirSync(noFrameworks);
writeFileSync(join(noFrameworks, 'sitecustomize.py'),
  'import sys\nsys.modules.update(dict.fromkeys(["torch", "tensorflow", "keras", "jax", "jaxlib", "sklearn", "numpy", "joblib", "hypertune"]))\n');

const PACKAGINGS: Packaging[] = ['python-package', 'custom-container'];

// The interpreter itself, not a version-manager shim that costs a shell start per call.
const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';

function python(args: string[], cwd: string) {
  return spawnSync(PYTHON, args, {
    cwd, encoding: 'utf8', timeout: 30_000,
    env: { ...process.env, PYTHONPATH: noFrameworks, PYTHONDONTWRITEBYTECODE: '1' },
  });
}

function parseSpec(path: string, text: string): Record<string, unknown> {
  const parsed = parseSpecText(text, path);
  assert.deepEqual(parsed.diagnostics, [], `${path} parses`);
  assert.ok(parsed.root);
  const { value, problems } = checkAgainstSchema(parsed.root, text);
  assert.deepEqual(problems, [], `${path} matches the spec schema`);
  return value;
}

for (const template of TEMPLATES) {
  for (const packaging of PACKAGINGS) {
    describe(`${template.id} template, ${packaging}`, () => {
      const name = `${template.id}-${packaging === 'python-package' ? 'pkg' : 'ctr'}`;
      const root = join(scratch, name);
      const files = renderProject({ template: template.id, packaging, name });

      it('writes the trainer package, requirements, ignore files, specs and README', async () => {
        await writeProject(root, files);
        const paths = files.map((f) => f.path);
        for (const path of ['trainer/__init__.py', 'trainer/task.py', 'trainer/environment.py', 'requirements.txt', '.vertexignore', 'gpu.vertex.yaml', 'tpu.vertex.yaml', 'README.md']) {
          assert.ok(paths.includes(path), path);
        }
        if (packaging === 'python-package') {
          assert.ok(paths.includes('pyproject.toml') && !paths.includes('Dockerfile'));
        } else {
          assert.ok(paths.includes('Dockerfile') && paths.includes('.dockerignore') && !paths.includes('pyproject.toml'));
          const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
          assert.match(dockerfile, /^ARG BASE_IMAGE=us-docker\.pkg\.dev\/vertex-ai\/training\/[^\s]+:latest\nFROM \$\{BASE_IMAGE\}$/m);
        }
        const task = readFileSync(join(root, 'trainer/task.py'), 'utf8');
        const environment = readFileSync(join(root, 'trainer/environment.py'), 'utf8');
        for (const variable of ['AIP_MODEL_DIR', 'AIP_CHECKPOINT_DIR', 'AIP_TENSORBOARD_LOG_DIR', 'CLUSTER_SPEC']) {
          assert.ok(environment.includes(variable), variable);
        }
        assert.match(environment, /report_hyperparameter_tuning_metric\(/);
        assert.match(task, /report_metric\("accuracy"/);
        assert.match(task, /env\.model_dir/);
      });

      it('compiles every Python file', () => {
        const pyFiles = files.filter((f) => f.path.endsWith('.py')).map((f) => f.path);
        const result = python(['-m', 'py_compile', ...pyFiles], root);
        assert.equal(result.status, 0, result.stderr);
      });

      it('runs `python3 -m trainer.task --help` with no ML framework importable', () => {
        const result = python(['-m', 'trainer.task', '--help'], root);
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /usage: .*task/);
        assert.match(result.stdout, template.id === 'cpu-quickstart' ? /--c C/ : /--learning-rate/);
        const blocked = python(['-c', 'import trainer.task as t; t.main(["--seed", "1"])'], root);
        assert.notEqual(blocked.status, 0, 'training itself needs the framework, so the block is real');
        assert.match(blocked.stderr, /import of \w+ halted; None in sys\.modules/);
      });

      it('has spec files the validator accepts, on realistic machines', () => {
        for (const file of files.filter((f) => f.path.endsWith('.vertex.yaml'))) {
          const spec = parseSpec(file.path, file.content);
          assert.equal(spec.region, 'us-central1');
          assert.equal(spec.displayName, `${name}-${file.path.split('.')[0]}`);
          assert.deepEqual(checkHardware(spec as { workerPoolSpecs?: unknown[] }, 'us-central1'), [], file.path);
          const pool = (spec.workerPoolSpecs as Record<string, Record<string, unknown>>[])[0];
          const machine = { gpu: 'g2-standard-8', tpu: 'ct5lp-hightpu-4t', cpu: 'n1-standard-4' }[file.path.split('.')[0]];
          assert.equal(pool.machineSpec.machineType, machine);
          const local = spec.local as Record<string, Record<string, unknown>>;
          if (packaging === 'python-package') {
            assert.equal(pool.pythonPackageSpec.pythonModule, 'trainer.task');
            assert.deepEqual(pool.pythonPackageSpec.packageUris, [local.pythonPackage.packageUri]);
            assert.match(String(pool.pythonPackageSpec.executorImageUri), /^us-docker\.pkg\.dev\/vertex-ai\/training\/.+:latest$/);
          } else {
            assert.equal(pool.containerSpec.imageUri, local.build.image);
            assert.match(String((local.build.buildArgs as Record<string, string>).BASE_IMAGE), /^us-docker\.pkg\.dev\/vertex-ai\/training\//);
          }
        }
      });

      it(packaging === 'python-package' ? 'packages into the sdist its spec uploads' : 'has a build context without specs or caches', async () => {
        if (packaging === 'python-package') {
          const build = await buildSdist({ root });
          const spec = parseSpec('gpu.vertex.yaml', readFileSync(join(root, 'gpu.vertex.yaml'), 'utf8'));
          assert.ok(String((spec.local as Record<string, Record<string, unknown>>).pythonPackage.packageUri).endsWith(`/${build.fileName}`));
          const base = build.fileName.replace(/\.tar\.gz$/, '');
          assert.deepEqual(build.members.filter((m) => m.endsWith('.py')),
            ['__init__.py', 'environment.py', 'task.py'].map((f) => `${base}/trainer/${f}`));
          assert.deepEqual(build.requirements, template.requirements);
        } else {
          const listing = await listContext(root);
          assert.deepEqual(listing.files.map((f) => f.path),
            ['.dockerignore', '.vertexignore', 'Dockerfile', 'requirements.txt', 'trainer/__init__.py', 'trainer/environment.py', 'trainer/task.py']);
        }
      });
    });
  }
}

describe('newestPrebuiltImage', () => {
  const parts = (v: string) => v.split('.').map(Number);
  const older = (a: string, b: string) => parts(a)[0] < parts(b)[0] || (parts(a)[0] === parts(b)[0] && parts(a)[1] <= parts(b)[1]);
  const kinds: ImageKind[] = [
    { framework: 'pytorch', accelerator: 'gpu' }, { framework: 'pytorch', accelerator: 'cpu' },
    { framework: 'tensorflow', accelerator: 'gpu' }, { framework: 'tensorflow', accelerator: 'cpu' },
    { framework: 'scikit-learn', accelerator: 'gpu' }, { framework: 'scikit-learn', accelerator: 'cpu' },
  ];
  for (const kind of kinds) {
    it(`picks the highest listed ${kind.framework} ${kind.accelerator} version`, () => {
      const image = newestPrebuiltImage(kind);
      assert.equal(image.framework, kind.framework);
      assert.deepEqual(image.accelerators, [kind.accelerator]);
      const sameKind = prebuiltImages().filter((i) => i.framework === kind.framework && i.accelerators.join() === kind.accelerator);
      assert.ok(sameKind.length > 1 && sameKind.every((i) => older(i.version, image.version)), image.name);
    });
  }
});

describe('renderProject and writeProject', () => {
  it('rejects names, regions and templates it cannot use', () => {
    assert.throws(() => renderProject({ template: 'pytorch-gpu', packaging: 'python-package', name: 'My_Project' }), ScaffoldError);
    assert.throws(() => renderProject({ template: 'pytorch-gpu', packaging: 'python-package', name: 'ok-name', region: 'Iowa' }), /region name/);
    assert.throws(() => renderProject({ template: 'nope' as never, packaging: 'python-package', name: 'ok-name' }), /Unknown template/);
  });

  it('uses the prebuilt image host nearest the region and the given bucket and project', () => {
    const files = renderProject({ template: 'tensorflow-gpu', packaging: 'custom-container', name: 'eu-job', region: 'europe-west4', bucket: 'my-bkt', project: 'my-proj' });
    const gpu = files.find((f) => f.path === 'gpu.vertex.yaml')?.content ?? '';
    assert.match(gpu, /BASE_IMAGE: europe-docker\.pkg\.dev\/vertex-ai\/training\/tf-gpu\.2-17\.py310:latest/);
    assert.match(gpu, /image: europe-west4-docker\.pkg\.dev\/my-proj\/training\/eu-job-gpu:latest/);
    assert.match(gpu, /outputUriPrefix: gs:\/\/my-bkt\/eu-job\/output/);
    assert.match(files.find((f) => f.path === 'Dockerfile')?.content ?? '', /ARG BASE_IMAGE=europe-docker/);
  });

  it('gives the CPU quickstart a CPU spec first, and the JAX template a TPU spec first', () => {
    const quick = renderProject({ template: 'cpu-quickstart', packaging: 'python-package', name: 'quick' });
    assert.deepEqual(quick.filter((f) => f.path.endsWith('.vertex.yaml')).map((f) => f.path), ['cpu.vertex.yaml', 'gpu.vertex.yaml', 'tpu.vertex.yaml']);
    const jax = renderProject({ template: 'jax-tpu', packaging: 'python-package', name: 'jaxy' });
    assert.match(jax.find((f) => f.path === 'tpu.vertex.yaml')?.content ?? '', /# hyperparameterTuning:/);
    assert.doesNotMatch(jax.find((f) => f.path === 'gpu.vertex.yaml')?.content ?? '', /hyperparameterTuning/);
  });

  it('refuses to overwrite existing files and reports progress', async () => {
    const folder = join(scratch, 'existing');
    const files = renderProject({ template: 'cpu-quickstart', packaging: 'python-package', name: 'again' });
    const seen: string[] = [];
    await writeProject(folder, files, (path, done, total) => seen.push(`${done}/${total} ${path}`));
    assert.equal(seen.length, files.length);
    assert.equal(seen[0], `1/${files.length} trainer/__init__.py`);
    await assert.rejects(writeProject(folder, files), /already has trainer\/__init__\.py/);
  });
});
