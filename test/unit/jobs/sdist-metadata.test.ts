import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  distributionFileName, isCanonicalVersion, isProjectName, readPyprojectIdentity,
} from '../../../src/jobs/python-metadata';
import { parseRequirementsTxt } from '../../../src/jobs/requirements-txt';

describe('package names and versions', () => {
  it('spells sdist file names as PEP 625 asks', () => {
    assert.equal(distributionFileName('My.Trainer--Pkg_x'), 'my_trainer_pkg_x');
  });

  it('accepts project names and normalized versions only', () => {
    for (const name of ['a', 'trainer', 'My-Trainer.v2', 'x_1']) assert.ok(isProjectName(name), name);
    for (const name of ['-a', 'a-', 'a b', '', 'ü']) assert.ok(!isProjectName(name), name);
    for (const v of ['0', '0.1', '1.2.3', '1.0a1', '1.0rc2', '1.0.post1', '0.1.dev3', '2!1.0']) assert.ok(isCanonicalVersion(v), v);
    for (const v of ['01.0', 'v1.0', '1.0-rc1', '1.0.0+local', '1.0RC1', '']) assert.ok(!isCanonicalVersion(v), v);
  });
});

describe('readPyprojectIdentity', () => {
  it('reads plain-string name and version from the [project] table only', () => {
    const text = [
      '[build-system]', 'name = "not-this"', '', '[project]  # the package',
      "name = 'demo-proj'", 'version = "0.1.0"  # bumped by hand', 'description = "x"',
      '[tool.setuptools]', 'version = "9"',
    ].join('\n');
    assert.deepEqual(readPyprojectIdentity(text), { name: 'demo-proj', version: '0.1.0' });
    assert.deepEqual(readPyprojectIdentity('[project]\nname = "a"\ndynamic = ["version"]\n'), { name: 'a' });
    assert.deepEqual(readPyprojectIdentity(''), {});
  });
});

describe('parseRequirementsTxt', () => {
  it('keeps PEP 508 requirements and reports what metadata cannot carry, by line', () => {
    const parsed = parseRequirementsTxt([
      'torch>=2.1  # comment',
      'jax[tpu]',
      'pkg ; sys_platform == "linux"',
      'name @ https://example.invalid/name.whl',
      'hashed==1.0 --hash=sha256:00',
      '-e .',
      '--extra-index-url https://example.invalid',
      'https://example.invalid/bare.whl',
      '../sibling',
      'continued\\',
      '  ==2.0',
      '#only a comment',
      '',
    ].join('\n'));
    assert.deepEqual(parsed.requirements, [
      'torch>=2.1', 'jax[tpu]', 'pkg ; sys_platform == "linux"', 'name @ https://example.invalid/name.whl', 'hashed==1.0', 'continued  ==2.0',
    ]);
    assert.deepEqual(parsed.skipped.map((s) => [s.line, s.text]), [
      [6, '-e .'], [7, '--extra-index-url https://example.invalid'], [8, 'https://example.invalid/bare.whl'], [9, '../sibling'],
    ]);
  });
});
