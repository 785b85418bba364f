import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { streamToBuffer } from '../../../src/build/tar';
import { SdistError, buildSdist } from '../../../src/jobs/sdist';

const scratch = mkdtempSync(join(tmpdir(), 'sdist-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function project(files: Record<string, string>): string {
  const root = join(scratch, `p${counter++}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const TRAINER = {
  'trainer/__init__.py': '',
  'trainer/task.py': 'from trainer.model import build\nVALUE = build()\n',
  'trainer/model.py': 'def build():\n    return 42\n',
  'trainer/configs/base.yaml': 'lr: 0.1\n',
  'trainer/my-assets/vocab.txt': 'a\nb\n',
  'trainer/__pycache__/task.cpython-311.pyc': 'junk',
  'trainer/scratch/notes.txt': 'private',
  'trainer/.env': 'TOKEN=1',
  'requirements.txt': '# deps\nnumpy>=1.24  # math\npandas[parquet] ; python_version >= "3.9"\n' +
    'requests==2.31.0 \\\n    --hash=sha256:abc\n-r other.txt\n--index-url https://example.invalid/simple\n' +
    './local-pkg\ngit+https://example.invalid/repo.git\nmylib @ https://example.invalid/mylib-1.0.tar.gz\n',
  '.vertexignore': 'trainer/scratch\n',
  'README.md': 'not packaged',
};

const EXPECTED_PYPROJECT = `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "My-Trainer"
version = "0.3.dev1"
description = "Demo \\"trainer\\""
dependencies = [
  "numpy>=1.24",
  "pandas[parquet] ; python_version >= \\"3.9\\"",
  "requests==2.31.0",
  "mylib @ https://example.invalid/mylib-1.0.tar.gz",
]

[tool.setuptools]
packages = [
  "trainer",
  "trainer.configs",
]
include-package-data = false

[tool.setuptools.package-data]
"trainer" = ["*", "my-assets/*"]
"trainer.configs" = ["*"]
`;

function extract(archive: Buffer): string {
  const dir = mkdtempSync(join(scratch, 'x-'));
  writeFileSync(join(dir, 'a.tar.gz'), archive);
  execFileSync('tar', ['-xzf', 'a.tar.gz'], { cwd: dir });
  return dir;
}

/** A Python that can build a wheel from an sdist offline: pip, setuptools and a bdist_wheel. */
function findBuildPython(): string | undefined {
  const probe = 'import setuptools, pip\ntry:\n import setuptools.command.bdist_wheel\nexcept ImportError:\n import wheel.bdist_wheel\n';
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', probe], { timeout: 20_000 }).status === 0);
}

describe('buildSdist', () => {
  it('writes PKG-INFO, a setuptools pyproject and the package files, file by file', async () => {
    const root = project(TRAINER);
    const build = await buildSdist({ root, name: 'My-Trainer', version: '0.3.dev1', summary: 'Demo "trainer"' });
    assert.equal(build.fileName, 'my_trainer-0.3.dev1.tar.gz');
    const base = 'my_trainer-0.3.dev1';
    assert.deepEqual(build.members, [
      base, `${base}/PKG-INFO`, `${base}/pyproject.toml`, `${base}/trainer`, `${base}/trainer/__init__.py`,
      `${base}/trainer/configs`, `${base}/trainer/configs/base.yaml`, `${base}/trainer/model.py`,
      `${base}/trainer/my-assets`, `${base}/trainer/my-assets/vocab.txt`, `${base}/trainer/task.py`,
    ]);
    assert.deepEqual(build.packages, ['trainer', 'trainer.configs']);
    assert.deepEqual(build.skippedRequirements.map((s) => s.line), [6, 7, 8, 9]);
    assert.deepEqual(build.ignoredSensitive, [{ path: 'trainer/.env', reason: 'env' }]);

    const dir = extract(await streamToBuffer(build.stream()));
    assert.deepEqual(readdirSync(dir).sort(), ['a.tar.gz', base]);
    assert.equal(readFileSync(join(dir, base, 'PKG-INFO'), 'utf8'), [
      'Metadata-Version: 2.1', 'Name: My-Trainer', 'Version: 0.3.dev1', 'Summary: Demo "trainer"',
      'Requires-Dist: numpy>=1.24', 'Requires-Dist: pandas[parquet] ; python_version >= "3.9"',
      'Requires-Dist: requests==2.31.0', 'Requires-Dist: mylib @ https://example.invalid/mylib-1.0.tar.gz', '',
    ].join('\n'));
    assert.equal(readFileSync(join(dir, base, 'pyproject.toml'), 'utf8'), EXPECTED_PYPROJECT);
    for (const path of ['trainer/__init__.py', 'trainer/task.py', 'trainer/model.py', 'trainer/configs/base.yaml', 'trainer/my-assets/vocab.txt']) {
      assert.equal(readFileSync(join(dir, base, path), 'utf8'), TRAINER[path as keyof typeof TRAINER], path);
    }
  });

  it('gives the same bytes for the same input', async () => {
    const root = project(TRAINER);
    const a = await streamToBuffer((await buildSdist({ root, name: 'trainer', version: '0.1' })).stream());
    const b = await streamToBuffer((await buildSdist({ root, name: 'trainer', version: '0.1' })).stream());
    assert.deepEqual(a, b);
  });

  it('refuses names, versions and folders pip could not use, saying what to do', async () => {
    const root = project({ 'trainer/__init__.py': '', 'my-pkg/x.py': '', 'empty/readme.txt': '' });
    await assert.rejects(buildSdist({ root }), /needs a name and a version: set them in the \[project\] table/);
    await assert.rejects(buildSdist({ root, name: '-bad', version: '0.1' }), /not a valid Python project name/);
    await assert.rejects(buildSdist({ root, name: 'ok', version: '01.0' }), /normalized PEP 440 version/);
    await assert.rejects(buildSdist({ root, name: 'ok', version: '0.1', packages: ['missing'] }), /no "missing" folder/);
    await assert.rejects(buildSdist({ root, name: 'ok', version: '0.1', packages: ['my-pkg'] }), /cannot be imported/);
    await assert.rejects(buildSdist({ root, name: 'ok', version: '0.1', packages: ['empty'] }), SdistError);
    await assert.rejects(buildSdist({ root, name: 'ok', version: '0.1', requirementsFile: 'nope.txt' }), /ENOENT/);
    symlinkSync('__init__.py', join(root, 'trainer/alias.py'));
    const build = await buildSdist({ root, name: 'ok', version: '0.1', requirementsFile: null });
    assert.deepEqual(build.skippedSymlinks, ['trainer/alias.py']);
    assert.deepEqual(build.requirements, []);
  });

  it('is accepted by pip, and the installed package imports with its data files', async (t) => {
    const python = findBuildPython();
    if (!python) {
      t.skip('no python3 with pip, setuptools and wheel here (Debian: apt-get install python3-pip python3-setuptools python3-wheel)');
      return;
    }
    const root = project(TRAINER);
    const build = await buildSdist({ root, name: 'My-Trainer', version: '0.3.dev1' });
    const archive = join(scratch, build.fileName);
    writeFileSync(archive, await streamToBuffer(build.stream()));
    const target = join(scratch, 'site');
    const pip = spawnSync(python, ['-m', 'pip', 'install', '--no-deps', '--no-build-isolation', '--no-index',
      '--disable-pip-version-check', '--no-cache-dir', '--target', target, archive], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(pip.status, 0, `pip failed:\n${pip.stdout}\n${pip.stderr}`);
    const check = spawnSync(python, ['-c', [
      'import importlib.metadata as md, pathlib, trainer.task',
      'print(trainer.task.VALUE)',
      'root = pathlib.Path(trainer.task.__file__).parent',
      'print((root / "configs" / "base.yaml").read_text().strip(), (root / "my-assets" / "vocab.txt").exists())',
      'import json; print(json.dumps(md.requires("My-Trainer")))',
    ].join('\n')], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: target }, cwd: scratch });
    assert.equal(check.status, 0, check.stderr);
    const [value, data, requires] = check.stdout.trim().split('\n');
    assert.equal(value, '42');
    assert.equal(data, 'lr: 0.1 True');
    // Older setuptools write "numpy (>=1.24)"; compare without spaces and parentheses.
    const normalized = (JSON.parse(requires) as string[])
      .map((r) => r.replace(/[\s()]/g, '')).sort();
    assert.deepEqual(normalized, [
      'mylib@https://example.invalid/mylib-1.0.tar.gz', 'numpy>=1.24', 'pandas[parquet];python_version>="3.9"', 'requests==2.31.0',
    ]);
  });
});
