import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './errors';
import type { JsonObject } from './json';
import { jsonToMessage } from './proto-json-read';
import { messageToJson } from './proto-json';
import { lookupType } from './protos';

function type(name: string) {
  const t = lookupType(name);
  assert.ok(t, `${name} is in the protos`);
  return t;
}

/** JSON → message → binary → message → JSON, the path a gRPC answer takes. */
function roundTrip(typeName: string, json: unknown, enumsAsNumbers = false): unknown {
  const t = type(typeName);
  const bytes = t.encode(jsonToMessage(t, json)).finish();
  return messageToJson(t, t.decode(bytes), { enumsAsNumbers });
}

function invalid(typeName: string, json: unknown, root = ''): ApiError {
  try {
    jsonToMessage(type(typeName), json, root);
  } catch (e) {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 'INVALID_ARGUMENT');
    return e;
  }
  assert.fail('expected INVALID_ARGUMENT');
}

describe('proto3 JSON mapping', () => {
  it('keeps a CustomJob with well-known types intact through binary', () => {
    const job: JsonObject = {
      name: 'projects/1/locations/us-central1/customJobs/2',
      displayName: 'train',
      jobSpec: {
        workerPoolSpecs: [{ machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 }, replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i' } }],
        scheduling: { timeout: '3600.500s', strategy: 'SPOT' },
      },
      state: 'JOB_STATE_RUNNING',
      createTime: '2024-05-01T12:34:56.789012Z',
      labels: { team: 'ml' },
      error: { code: 3, message: 'bad', details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'a', description: 'b' }] }] },
    };
    assert.deepEqual(roundTrip('google.cloud.aiplatform.v1.CustomJob', job), job);
  });

  it('writes enums as numbers on request and int64 as strings', () => {
    const out = roundTrip('google.cloud.aiplatform.v1.CustomJob', { state: 'JOB_STATE_FAILED', jobSpec: { workerPoolSpecs: [{ replicaCount: 3 }] } }, true) as JsonObject;
    assert.equal(out.state, 5);
    assert.deepEqual(out.jobSpec, { workerPoolSpecs: [{ replicaCount: '3' }] });
  });

  it('accepts enum numbers and snake_case names on input', () => {
    const out = roundTrip('google.cloud.aiplatform.v1.CustomJob', { display_name: 'x', state: 4 }) as JsonObject;
    assert.deepEqual(out, { displayName: 'x', state: 'JOB_STATE_SUCCEEDED' });
  });

  it('omits proto3 defaults', () => {
    assert.deepEqual(roundTrip('google.cloud.aiplatform.v1.MachineSpec', { machineType: '', acceleratorCount: 0, acceleratorType: 'ACCELERATOR_TYPE_UNSPECIFIED' }), {});
  });

  it('maps Struct, Value, ListValue, FieldMask, wrappers, bytes and Duration', () => {
    const t = 'google.cloud.aiplatform.v1.PredictRequest';
    const req = { endpoint: 'e', instances: [{ a: [1, 'two', null, true, { b: 2.5 }] }, 'x'], parameters: { k: 1 } };
    assert.deepEqual(roundTrip(t, req), req);
    assert.deepEqual(roundTrip('google.protobuf.FieldMask', 'displayName,jobSpec.workerPoolSpecs'), 'displayName,jobSpec.workerPoolSpecs');
    assert.equal(type('google.protobuf.FieldMask').toObject(jsonToMessage(type('google.protobuf.FieldMask'), 'displayName')).paths[0], 'display_name');
    assert.deepEqual(roundTrip('google.protobuf.BoolValue', true), true);
    assert.deepEqual(roundTrip('google.protobuf.Int64Value', '-12'), '-12');
    assert.deepEqual(roundTrip('google.protobuf.BytesValue', 'aGVsbG8='), 'aGVsbG8=');
    assert.deepEqual(roundTrip('google.protobuf.Duration', '-1.5s'), '-1.500s', 'output has 0, 3, 6 or 9 fractional digits');
    assert.deepEqual(roundTrip('google.protobuf.Timestamp', '2024-01-01T00:00:00+01:00'), '2023-12-31T23:00:00Z');
  });

  it('packs and unpacks Any, also around well-known types', () => {
    const op = {
      name: 'projects/1/locations/l/operations/2',
      done: true,
      metadata: { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata', genericMetadata: { createTime: '2024-01-01T00:00:00Z' } },
      response: { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '2s' },
    };
    assert.deepEqual(roundTrip('google.longrunning.Operation', op), op);
    const empty = { name: 'n', done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } };
    assert.deepEqual(roundTrip('google.longrunning.Operation', empty), empty);
  });

  it('rejects unknown fields with the API wording and path', () => {
    const e = invalid('google.cloud.aiplatform.v1.CreateCustomJobRequest', { customJob: { jobSpec: { workerPoolSpecs: [{ machineSpec: {}, fooBar: 1 }] } } });
    assert.equal(e.message, `Invalid JSON payload received. Unknown name "fooBar" at 'custom_job.job_spec.worker_pool_specs[0]': Cannot find field.`);
    assert.deepEqual(e.details[0].fieldViolations, [{ field: 'custom_job.job_spec.worker_pool_specs[0]', description: e.message }]);
    assert.match(invalid('google.cloud.aiplatform.v1.CustomJob', { nope: 1 }).message, /^Invalid JSON payload received. Unknown name "nope": Cannot find field.$/);
  });

  it('rejects values of the wrong type', () => {
    assert.match(invalid('google.cloud.aiplatform.v1.CustomJob', { state: 'RUNNING' }).message, /Invalid value at 'state' \(type.googleapis.com\/google.cloud.aiplatform.v1.JobState\), "RUNNING"/);
    assert.match(invalid('google.cloud.aiplatform.v1.CustomJob', { displayName: 5 }).message, /Invalid value at 'display_name'/);
    assert.match(invalid('google.cloud.aiplatform.v1.CustomJob', { createTime: 'yesterday' }).message, /Invalid time format/);
    assert.match(invalid('google.cloud.aiplatform.v1.Scheduling', { timeout: '10m' }).message, /Illegal duration format/);
    assert.match(invalid('google.cloud.aiplatform.v1.WorkerPoolSpec', { replicaCount: 'many' }).message, /Invalid value at 'replica_count'/);
  });
});
