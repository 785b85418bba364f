import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../../src/cloud/session';

const LOCAL = 'http://127.0.0.1:1';
const allLocal = { aiplatform: LOCAL, logging: LOCAL, storage: LOCAL, cloudbuild: LOCAL, artifactregistry: LOCAL };

function gcloudDir(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'session-'));
  mkdirSync(join(dir, 'configurations'));
  writeFileSync(join(dir, 'configurations', 'config_default'), config);
  return dir;
}

test('settings win over gcloud; the emulator needs no credentials', async () => {
  const env = { CLOUDSDK_CONFIG: gcloudDir('[core]\nproject = from-gcloud\n[compute]\nregion = europe-west4\n') };
  const s = await openSession({ project: 'from-settings', endpointOverrides: allLocal }, env);
  assert.equal(s.kind, 'ready');
  if (s.kind !== 'ready') return;
  assert.equal(s.connection.project, 'from-settings');
  assert.equal(s.projectFrom, 'settings');
  assert.equal(s.connection.region, 'europe-west4');
  assert.equal(s.regionFrom, 'gcloud');
  assert.equal(s.local, true);
  assert.equal(s.connection.authClient, undefined);
  assert.equal(s.connection.transport, 'grpc');
});

test('without a project anywhere the state says how to set one', async () => {
  const s = await openSession({ endpointOverrides: allLocal }, { CLOUDSDK_CONFIG: gcloudDir('') });
  assert.equal(s.kind, 'no-project');
  if (s.kind === 'no-project') assert.match(s.message, /gcloud config set project/);
});

test('the region defaults to us-central1', async () => {
  const s = await openSession({ project: 'p', endpointOverrides: allLocal }, { CLOUDSDK_CONFIG: gcloudDir('') });
  assert.ok(s.kind === 'ready' && s.connection.region === 'us-central1' && s.regionFrom === 'default');
});

test('a malformed override is reported as a settings problem', async () => {
  const s = await openSession({ project: 'p', endpointOverrides: { ...allLocal, logging: 'ftp://x' } }, { CLOUDSDK_CONFIG: gcloudDir('') });
  assert.equal(s.kind, 'bad-settings');
});

test('with an empty CLOUDSDK_CONFIG and no override, the real auth library finds no credentials: sign in', async () => {
  const home = mkdtempSync(join(tmpdir(), 'home-'));
  const saved = { HOME: process.env.HOME, MD: process.env.METADATA_SERVER_DETECTION, GAC: process.env.GOOGLE_APPLICATION_CREDENTIALS };
  process.env.HOME = home;
  process.env.METADATA_SERVER_DETECTION = 'none';
  delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
  try {
    const s = await openSession({ project: 'p' }, { CLOUDSDK_CONFIG: gcloudDir('') }, home);
    assert.equal(s.kind, 'credentials');
    if (s.kind === 'credentials') assert.equal(s.reason, 'signed-out');
  } finally {
    for (const [k, v] of [['HOME', saved.HOME], ['METADATA_SERVER_DETECTION', saved.MD], ['GOOGLE_APPLICATION_CREDENTIALS', saved.GAC]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
