import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toApiError } from '../../../src/cloud/apiErrors';

test('a gax gRPC error keeps its code and loses the "5 NOT_FOUND: " prefix', () => {
  const err = Object.assign(new Error('5 NOT_FOUND: The CustomJob does not exist.'), { code: 5, details: 'The CustomJob does not exist.', metadata: {} });
  assert.deepEqual(toApiError(err), { status: 'NOT_FOUND', code: 5, message: 'The CustomJob does not exist.', details: [] });
});

test('a REST fallback GaxiosError maps the JSON error status to the gRPC code', () => {
  const body = { error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'x', description: 'y' }] }] } };
  const err = Object.assign(new Error(JSON.stringify(body, null, 2)), { code: 400, status: 400, response: { status: 400, data: body } });
  const api = toApiError(err);
  assert.equal(api?.status, 'INVALID_ARGUMENT');
  assert.equal(api?.code, 3);
  assert.equal(api?.message, 'bad');
  assert.equal(api?.details.length, 1);
});

test('a body given as text is parsed; a bare HTTP status still maps', () => {
  assert.equal(toApiError({ response: { data: '{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}' } })?.status, 'RESOURCE_EXHAUSTED');
  assert.equal(toApiError({ code: 503, message: 'Service Unavailable' })?.status, 'UNAVAILABLE');
  assert.equal(toApiError({ response: { data: '{"error":{"code":403,"message":"denied"}}' } })?.status, 'PERMISSION_DENIED');
});

test('network failures are UNAVAILABLE; programming errors are not API errors', () => {
  assert.equal(toApiError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))?.status, 'UNAVAILABLE');
  assert.equal(toApiError(new TypeError('x is not a function')), undefined);
  assert.equal(toApiError('nope'), undefined);
});
