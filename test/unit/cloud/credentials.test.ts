import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialError, classifyCredentialError, findAdcSource, loadCredentials } from '../../../src/cloud/credentials';

test('GOOGLE_APPLICATION_CREDENTIALS comes first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adc-'));
  writeFileSync(join(dir, 'application_default_credentials.json'), '{}');
  assert.deepEqual(findAdcSource({ GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json', CLOUDSDK_CONFIG: dir }), {
    kind: 'file', origin: 'GOOGLE_APPLICATION_CREDENTIALS', path: '/keys/sa.json',
  });
});

test("then gcloud's application-default file, honouring CLOUDSDK_CONFIG", () => {
  const dir = mkdtempSync(join(tmpdir(), 'adc-'));
  writeFileSync(join(dir, 'application_default_credentials.json'), '{}');
  assert.deepEqual(findAdcSource({ CLOUDSDK_CONFIG: dir }), { kind: 'file', origin: 'gcloud', path: join(dir, 'application_default_credentials.json') });
});

test('then the metadata server', () => {
  assert.deepEqual(findAdcSource({ CLOUDSDK_CONFIG: mkdtempSync(join(tmpdir(), 'empty-')) }), { kind: 'metadata' });
});

test('errors map to what the user should do', () => {
  const cases: [unknown, string][] = [
    [new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.'), 'signed-out'],
    [Object.assign(new Error('invalid_grant'), { response: { data: { error: 'invalid_grant' } } }), 'expired'],
    [new Error('reauth related error (invalid_rapt)'), 'expired'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND oauth2.googleapis.com'), { code: 'ENOTFOUND' }), 'network'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'network'],
    [new Error('unable to impersonate: Permission iam.serviceAccounts.getAccessToken denied'), 'impersonation'],
    [new Error('something odd'), 'unknown'],
  ];
  for (const [err, reason] of cases) assert.equal(classifyCredentialError(err).reason, reason, String((err as Error).message));
  assert.match(classifyCredentialError(cases[0][0]).message, /gcloud auth application-default login/);
});

test('a broken credentials file is named, its contents are not', () => {
  const p = classifyCredentialError(new SyntaxError('Unexpected token s in JSON at position 0'), { kind: 'file', origin: 'gcloud', path: '/x/adc.json' });
  assert.equal(p.reason, 'invalid-file');
  assert.match(p.message, /\/x\/adc\.json/);
});

test('the real google-auth-library finds nothing in an empty gcloud config and says to sign in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'empty-home-'));
  const saved = { HOME: process.env.HOME, MD: process.env.METADATA_SERVER_DETECTION, GAC: process.env.GOOGLE_APPLICATION_CREDENTIALS };
  // No network probe of the metadata server from tests.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.HOME = dir;
  delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
  try {
    await assert.rejects(loadCredentials({ env: { CLOUDSDK_CONFIG: join(dir, 'gcloud') }, home: dir }), (err: unknown) => {
      assert.ok(err instanceof CredentialError);
      assert.equal(err.problem.reason, 'signed-out');
      return true;
    });
  } finally {
    for (const [k, v] of [['HOME', saved.HOME], ['METADATA_SERVER_DETECTION', saved.MD], ['GOOGLE_APPLICATION_CREDENTIALS', saved.GAC]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('a service-account key file that is not JSON is reported as an invalid file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-adc-'));
  writeFileSync(join(dir, 'application_default_credentials.json'), 'not json');
  await assert.rejects(loadCredentials({ env: { CLOUDSDK_CONFIG: dir } }), (err: unknown) => err instanceof CredentialError && err.problem.reason === 'invalid-file' && !err.message.includes('not json'));
});
