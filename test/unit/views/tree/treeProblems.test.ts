import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTreeError } from '../../../../src/views/tree/treeProblems';

const grpcError = (code: number, details: string, statusDetails: unknown[] = []) => Object.assign(new Error(details), { code, details, statusDetails });
const restError = (status: string, code: number, message: string, details: unknown[] = []) =>
  Object.assign(new Error(message), { code, response: { data: { error: { code, status, message, details } } } });

test('PERMISSION_DENIED over either transport is a permission problem with the API message', () => {
  for (const err of [grpcError(7, "Permission 'aiplatform.customJobs.list' denied"), restError('PERMISSION_DENIED', 403, "Permission 'aiplatform.customJobs.list' denied")]) {
    assert.deepEqual(classifyTreeError(err), { kind: 'permission-denied', message: "Permission 'aiplatform.customJobs.list' denied" });
  }
});

test('a disabled API is told apart from other permission errors, with its activation link', () => {
  const message = 'Vertex AI API has not been used in project 42 before or it is disabled.';
  const info = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', metadata: { activationUrl: 'https://console.developers.google.com/apis/api/aiplatform.googleapis.com/overview?project=42' } };
  assert.deepEqual(classifyTreeError(restError('PERMISSION_DENIED', 403, message, [info])), {
    kind: 'api-disabled',
    message,
    activationUrl: 'https://console.developers.google.com/apis/api/aiplatform.googleapis.com/overview?project=42',
  });
  assert.equal(classifyTreeError(grpcError(7, message)).kind, 'api-disabled');
});

test('UNAUTHENTICATED asks to sign in; UNAVAILABLE and network errors say unreachable; others keep their status', () => {
  assert.equal(classifyTreeError(grpcError(16, 'Request had invalid authentication credentials.')).kind, 'sign-in');
  assert.equal(classifyTreeError(grpcError(14, 'The service is currently unavailable.')).kind, 'unreachable');
  assert.equal(classifyTreeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind, 'unreachable');
  assert.deepEqual(classifyTreeError(grpcError(8, 'Quota exceeded')), { kind: 'error', message: 'RESOURCE_EXHAUSTED: Quota exceeded' });
  assert.deepEqual(classifyTreeError(new Error('boom')), { kind: 'error', message: 'boom' });
});
