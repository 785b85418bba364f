import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSpec } from '../../../src/jobs/spec-validate';
import type { SubstitutionContext } from '../../../src/jobs/spec-types';

function run(value: string, substitutions: SubstitutionContext): { spec: unknown; problems: { rule: string; at: string }[] } {
  const yaml = `displayName: ${value}\nworkerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    containerSpec: {imageUri: gcr.io/p/i}\n`;
  const result = analyzeSpec(yaml, 'x.vertex.yaml', { substitutions });
  return {
    spec: result.spec?.displayName,
    problems: result.diagnostics.map((d) => ({ rule: d.rule, at: yaml.slice(d.range.startOffset, d.range.endOffset) })),
  };
}

describe('substitutions', () => {
  it('replaces each variable, several in one value', () => {
    const out = run('"${workspaceFolder}/${env:USER}@${git.sha}"', { workspaceFolder: '/w', env: { USER: 'ada' }, gitSha: 'f00' });
    assert.deepEqual(out, { spec: '/w/ada@f00', problems: [] });
  });

  it('points at the exact variable that has no value, even after escapes in a quoted string', () => {
    const out = run('"a\\tb ${env:NOPE} c ${git.sha}"', { env: {}, gitSha: 'f00' });
    assert.deepEqual(out.problems, [{ rule: 'substitution-env', at: '${env:NOPE}' }]);
    assert.equal(out.spec, 'a\tb ${env:NOPE} c f00');
  });

  it('reports unknown variables and the ones the context cannot fill', () => {
    assert.deepEqual(run('${git.branch}', {}).problems, [{ rule: 'substitution-unknown', at: '${git.branch}' }]);
    assert.deepEqual(run('${git.sha}', {}).problems, [{ rule: 'substitution-git', at: '${git.sha}' }]);
    assert.deepEqual(run('${workspaceFolder}', {}).problems, [{ rule: 'substitution-workspace', at: '${workspaceFolder}' }]);
    assert.deepEqual(run('${env:}', { env: {} }).problems, [{ rule: 'substitution-env', at: '${env:}' }]);
  });

  it('reports the second of two identical variables at its own place', () => {
    const out = run('"${x} and ${x}"', {});
    assert.deepEqual(out.problems.map((p) => p.at), ['${x}', '${x}']);
    const yaml = `displayName: "\${x} and \${x}"\n`;
    const ranges = analyzeSpec(`${yaml}workerPoolSpecs: [{machineSpec: {machineType: n1-standard-4}, containerSpec: {imageUri: gcr.io/p/i}}]\n`, 'x.vertex.yaml')
      .diagnostics.filter((d) => d.rule === 'substitution-unknown').map((d) => d.range.startOffset);
    assert.deepEqual(ranges, [yaml.indexOf('${x}'), yaml.lastIndexOf('${x}')]);
  });
});
