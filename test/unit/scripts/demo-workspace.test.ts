import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { DEMO_SPEC_FILE, demoSpecText, seedDemoWorkspace } from '../../../scripts/demo-workspace';
import { analyzeSpec } from '../../../src/jobs/spec-validate';
import { DEMO_STAGING_BUCKET } from '../../emulator/storage/seed';

it('the demo spec passes the validator and stages to the demo bucket', () => {
  const text = demoSpecText();
  const analysis = analyzeSpec(text, DEMO_SPEC_FILE, {
    defaultRegion: 'us-central1',
    bucketLocations: { [DEMO_STAGING_BUCKET]: 'US-CENTRAL1' },
    today: new Date(),
  });
  // The prebuilt image list can age past an image's end-of-availability date: a warning, never an error.
  const problems = analysis.diagnostics.filter((d) => d.severity === 'error' || !/end of (availability|support)/.test(d.message));
  assert.deepEqual(problems.map((d) => `${d.severity}: ${d.message}`), []);
  assert.equal(analysis.spec?.displayName, 'demo-quickstart-cpu');
  assert.match(text, new RegExp(`^  outputUriPrefix: gs://${DEMO_STAGING_BUCKET}/`, 'm'));
  assert.match(text, /^ {6}imageUri: us-docker\.pkg\.dev\/vertex-ai\/training\/sklearn-cpu\./m);
});

it('seeds the demo folder once and keeps a person\'s edited spec on the next start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-ws-'));
  try {
    await seedDemoWorkspace(dir);
    assert.equal(readFileSync(join(dir, DEMO_SPEC_FILE), 'utf8'), demoSpecText());
    assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /Vertex AI view/);
    writeFileSync(join(dir, DEMO_SPEC_FILE), 'displayName: mine\n');
    await seedDemoWorkspace(dir);
    assert.equal(readFileSync(join(dir, DEMO_SPEC_FILE), 'utf8'), 'displayName: mine\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
