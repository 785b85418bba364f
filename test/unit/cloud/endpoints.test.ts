import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointError, needsCredentials, resolveEndpoint } from '../../../src/cloud/endpoints';

test('the default aiplatform endpoint is regional, the others global', () => {
  assert.deepEqual(resolveEndpoint('aiplatform', 'europe-west4'), {
    protocol: 'https', host: 'europe-west4-aiplatform.googleapis.com', port: 443, local: false, url: 'https://europe-west4-aiplatform.googleapis.com',
  });
  assert.equal(resolveEndpoint('logging', 'europe-west4').host, 'logging.googleapis.com');
});

test('a loopback http override is local: no TLS, no credentials', () => {
  const e = resolveEndpoint('aiplatform', 'us-central1', { aiplatform: 'http://127.0.0.1:8085' });
  assert.deepEqual(e, { protocol: 'http', host: '127.0.0.1', port: 8085, local: true, url: 'http://127.0.0.1:8085' });
});

test('a bare host override (Private Service Connect) is https on 443 and not local', () => {
  const e = resolveEndpoint('aiplatform', 'us-central1', { aiplatform: 'us-central1-aiplatform-myendpoint.p.googleapis.com' });
  assert.equal(e.protocol, 'https');
  assert.equal(e.port, 443);
  assert.equal(e.local, false);
});

test('plain http to a non-loopback host is not treated as local', () => {
  assert.equal(resolveEndpoint('storage', 'us-central1', { storage: 'http://10.0.0.5:9000' }).local, false);
});

test('bad overrides say which setting is wrong and what to write', () => {
  assert.throws(() => resolveEndpoint('logging', 'us-central1', { logging: 'http://' }), (e: unknown) => e instanceof EndpointError && /endpointOverrides\.logging/.test(e.message));
  assert.throws(() => resolveEndpoint('logging', 'us-central1', { logging: 'ftp://x' }), /must use http or https/);
});

test('credentials are needed unless every service is overridden to loopback', () => {
  const url = 'http://127.0.0.1:9';
  const all = { aiplatform: url, logging: url, storage: url, cloudbuild: url, artifactregistry: url };
  assert.equal(needsCredentials('us-central1', all), false);
  assert.equal(needsCredentials('us-central1', { ...all, storage: undefined }), true);
  assert.equal(needsCredentials('us-central1'), true);
});
