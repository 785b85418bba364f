import assert from 'node:assert/strict';
import { it } from 'node:test';
import { renderJobSpec } from '../../../src/scaffold/job-specs';
import { templateById } from '../../../src/scaffold/templates';

it('names the bucket and project in the header as values in use, not ones to replace', () => {
  const template = templateById('cpu-quickstart');
  assert.ok(template);
  const text = renderJobSpec({
    template, packaging: 'python-package', hardware: 'cpu', name: 'quick', region: 'us-central1',
    bucket: 'demo-project-vertex-staging', project: 'demo-project', primary: true,
  });
  const lines = text.split('\n');
  const header = lines.slice(0, lines.findIndex((line) => !line.startsWith('#'))).join('\n');
  assert.doesNotMatch(header, /replace/i);
  assert.match(header, /in use\s+# when this file was generated .*: demo-project-vertex-staging and demo-project\.\n# Change them here if needed\./);
});
