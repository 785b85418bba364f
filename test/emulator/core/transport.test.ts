import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from '../server';
import type { Emulator } from './emulator';
import { GrpcTestClient, rest, statusDetails } from './test-clients';
import type { GrpcFailure } from './test-clients';

const PARENT = 'projects/p1/locations/us-central1';
const JOBS = 'google.cloud.aiplatform.v1.JobService';
const job = (displayName: string) => ({
  displayName,
  jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'gcr.io/p/i' } }] },
});

async function grpcError(p: Promise<unknown>): Promise<GrpcFailure> {
  try {
    await p;
  } catch (e) {
    return e as GrpcFailure;
  }
  assert.fail('expected the call to fail');
}

describe('one port, two transports', () => {
  let emu: Emulator;
  let grpcClient: GrpcTestClient;
  before(async () => {
    emu = await startEmulator({ timings: { jobQueuedMs: 60_000 } });
    grpcClient = new GrpcTestClient(emu.port);
  });
  after(async () => {
    grpcClient.close();
    await emu.stop();
  });

  it('serves the same resource over REST and gRPC', async () => {
    const created = await rest(emu.url, 'POST', `/v1/${PARENT}/customJobs`, job('both'));
    assert.equal(created.status, 200);
    const viaGrpc = await grpcClient.unary(`${JOBS}.GetCustomJob`, { name: created.body.name as string });
    assert.deepEqual(viaGrpc, created.body);
    assert.match(String(created.body.name), /^projects\/\d{12}\/locations\/us-central1\/customJobs\/\d+$/);
  });

  it('binds query parameters and writes enums as numbers when asked', async () => {
    const r = await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs?pageSize=1&filter=${encodeURIComponent('display_name="both"')}&readMask=displayName,state&$alt=json;enum-encoding=int`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { customJobs: [{ displayName: 'both', state: 1 }] });
    const bad = await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs?nope=1`);
    assert.equal(bad.status, 400);
    assert.match(String((bad.body.error as { message: string }).message), /Cannot bind query parameter. Field 'nope' could not be found/);
  });

  it('answers unknown paths with 404 and unimplemented methods with UNIMPLEMENTED on both transports', async () => {
    const r404 = await rest(emu.url, 'GET', '/v1/nothing/here');
    assert.equal(r404.status, 404);
    assert.equal((r404.body.error as { status: string }).status, 'NOT_FOUND');
    const r501 = await rest(emu.url, 'GET', `/v1/${PARENT}/nasJobs`);
    assert.equal(r501.status, 501);
    assert.equal((r501.body.error as { status: string }).status, 'UNIMPLEMENTED');
    const e = await grpcError(grpcClient.unary(`${JOBS}.ListNasJobs`, { parent: PARENT }));
    assert.equal(e.code, 12);
  });

  it('sends field violations as REST details and as grpc-status-details-bin', async () => {
    const bad = { displayName: 'x', jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4', acceleratorCount: 1 }, replicaCount: '1', containerSpec: { imageUri: 'i' } }] } };
    const r = await rest(emu.url, 'POST', `/v1/${PARENT}/customJobs`, bad);
    assert.equal(r.status, 400);
    const error = r.body.error as { status: string; details: Array<{ '@type': string; fieldViolations: unknown[] }> };
    assert.equal(error.status, 'INVALID_ARGUMENT');
    assert.equal(error.details[0]['@type'], 'type.googleapis.com/google.rpc.BadRequest');
    const e = await grpcError(grpcClient.unary(`${JOBS}.CreateCustomJob`, { parent: PARENT, customJob: bad }));
    assert.equal(e.code, 3);
    const status = statusDetails(e);
    assert.deepEqual((status?.details as unknown[])[0], error.details[0]);
  });

  it('serves operations under /v1/, /ui/ and gRPC: get, list, wait, cancel, delete', async () => {
    const owner = 'projects/123/locations/us-central1';
    const op = emu.operations.run(owner, { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata' }, 100, () => ({ '@type': 'type.googleapis.com/google.protobuf.Empty' }));
    const name = String(op.name);
    assert.equal(op.done, false);
    assert.equal((await rest(emu.url, 'GET', `/ui/${name}`)).body.name, name);
    const listed = await rest(emu.url, 'GET', `/v1/${owner}/operations`);
    assert.ok((listed.body.operations as Array<{ name: string }>).some((o) => o.name === name));
    const waited = await rest(emu.url, 'POST', `/v1/${name}:wait`, { timeout: '5s' });
    assert.equal(waited.body.done, true);
    assert.deepEqual(waited.body.response, { '@type': 'type.googleapis.com/google.protobuf.Empty' });
    const slow = emu.operations.run(owner, {}, 60_000, () => ({}));
    await grpcClient.unary('google.longrunning.Operations.CancelOperation', { name: String(slow.name) });
    const cancelled = await grpcClient.unary('google.longrunning.Operations.GetOperation', { name: String(slow.name) });
    assert.deepEqual(cancelled.error, { code: 1, message: 'Operation was cancelled.' });
    assert.equal((await rest(emu.url, 'DELETE', `/v1/${name}`)).status, 200);
    assert.equal((await rest(emu.url, 'GET', `/v1/${name}`)).status, 404);
  });

  it('injects faults per method through the control API, with a count and latency', async () => {
    const add = await rest(emu.url, 'POST', '/emulator/v1/faults', { method: `${JOBS}.ListCustomJobs`, code: 'UNAVAILABLE', count: 2 });
    assert.equal(add.status, 200);
    assert.equal((await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`)).status, 503);
    assert.equal((await grpcError(grpcClient.unary(`${JOBS}.ListCustomJobs`, { parent: PARENT }))).code, 14);
    assert.equal((await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`)).status, 200, 'used up after two calls');

    await rest(emu.url, 'POST', '/emulator/v1/faults', { method: `${JOBS}.*`, code: 'RESOURCE_EXHAUSTED', count: 1 });
    const quota = await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`);
    assert.equal(quota.status, 429);
    assert.match(String((quota.body.error as { message: string }).message), /^Quota exceeded for aiplatform.googleapis.com/);

    await rest(emu.url, 'POST', '/emulator/v1/faults', { method: '*', latencyMs: 300, count: 1 });
    const t0 = Date.now();
    await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`);
    assert.ok(Date.now() - t0 >= 290, 'latency was added');

    await rest(emu.url, 'POST', '/emulator/v1/faults', { tailDropAfterEntries: 5 });
    assert.equal(emu.faults.tailDropAfterEntries, 5);
    await rest(emu.url, 'POST', '/emulator/v1/faults', { method: '*', code: 'PERMISSION_DENIED' });
    assert.equal((await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`)).status, 403);
    await rest(emu.url, 'DELETE', '/emulator/v1/faults');
    assert.equal((await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`)).status, 200);
    assert.equal(emu.faults.tailDropAfterEntries, undefined);
  });

  it('resets the state through the control API', async () => {
    await rest(emu.url, 'POST', `/v1/${PARENT}/customJobs`, job('to-forget'));
    assert.equal((await rest(emu.url, 'POST', '/emulator/v1/reset')).status, 200);
    assert.deepEqual((await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`)).body, {});
  });
});

describe('--require-auth', () => {
  it('refuses calls without a bearer token on both transports', async () => {
    const emu = await startEmulator({ requireAuth: true });
    const client = new GrpcTestClient(emu.port);
    try {
      const r = await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`);
      assert.equal(r.status, 401);
      assert.equal((r.body.error as { status: string }).status, 'UNAUTHENTICATED');
      assert.equal((await rest(emu.url, 'GET', `/v1/${PARENT}/customJobs`, undefined, { authorization: 'Bearer t' })).status, 200);
      assert.equal((await grpcError(client.unary(`${JOBS}.ListCustomJobs`, { parent: PARENT }))).code, 16);
      assert.deepEqual(await client.unary(`${JOBS}.ListCustomJobs`, { parent: PARENT }, { authorization: 'Bearer t' }), {});
      assert.equal((await rest(emu.url, 'GET', '/emulator/v1/faults')).status, 200, 'the control API needs no token');
    } finally {
      client.close();
      await emu.stop();
    }
  });
});
