import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/aiplatform';
import { googleAuthLibrary } from 'google-gax';
import type { Emulator } from '../emulator/core/emulator';
import type { JsonObject } from '../emulator/core/json';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

/**
 * The official @google-cloud/aiplatform JobServiceClient, over gRPC and over its REST
 * fallback, against the emulator; and jobs crossing between it and gcloud.
 */
const PARENT = 'projects/demo-project/locations/us-central1';
type JobServiceClient = InstanceType<typeof v1.JobServiceClient>;

interface GaxError extends Error {
  code: number;
  statusDetails?: Array<{ fieldViolations?: Array<{ field: string; description: string }> }>;
}

/**
 * The error as gRPC code and BadRequest details. Over REST, this client stack (gax 5 with
 * google-auth-library 10) does not decode errors: gaxios throws with the HTTP status as
 * `code` and the API's JSON error body as `message`, as it would against the real service.
 */
async function failure(p: Promise<unknown>): Promise<{ code: number; message: string; violations: string[] }> {
  try {
    await p;
  } catch (raw) {
    const e = raw as GaxError;
    if (e.code > 16) {
      const body = JSON.parse(e.message) as { error: { message: string; status: keyof typeof grpc.status; details?: GaxError['statusDetails'] } };
      return { code: grpc.status[body.error.status], message: body.error.message, violations: (body.error.details ?? []).flatMap((d) => d.fieldViolations ?? []).map((v) => v.field) };
    }
    return { code: e.code, message: e.message, violations: (e.statusDetails ?? []).flatMap((d) => d.fieldViolations ?? []).map((v) => v.field) };
  }
  assert.fail('expected the call to fail');
}

function grpcClient(emu: Emulator): JobServiceClient {
  return new v1.JobServiceClient({ apiEndpoint: '127.0.0.1', port: emu.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' });
}

function restClient(emu: Emulator): JobServiceClient {
  const authClient = new googleAuthLibrary.OAuth2Client();
  authClient.setCredentials({ access_token: 'emulator-token', expiry_date: Date.now() + 3_600_000 });
  return new v1.JobServiceClient({ fallback: true, protocol: 'http', apiEndpoint: '127.0.0.1', port: emu.port, authClient } as ConstructorParameters<typeof v1.JobServiceClient>[0]);
}

const customJob = (displayName: string) => ({
  displayName,
  labels: { 'emulator-run-seconds': '600' },
  jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100' as const, acceleratorCount: 1 }, replicaCount: 1, containerSpec: { imageUri: 'gcr.io/p/trainer:1' } }] },
});

describe('@google-cloud/aiplatform JobServiceClient', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  const clients: Record<'grpc' | 'rest', JobServiceClient> = {} as never;
  before(async () => {
    emu = await startEmulator({ timings: { jobQueuedMs: 50, jobPendingMs: 50 } });
    gcloud = await createGcloudHarness(emu);
    clients.grpc = grpcClient(emu);
    clients.rest = restClient(emu);
  });
  after(async () => {
    await clients.grpc.close();
    await clients.rest.close();
    await gcloud.dispose();
    await emu.stop();
  });

  for (const transport of ['grpc', 'rest'] as const) {
    describe(`over ${transport}`, () => {
      it('creates, gets, lists with paging, cancels and deletes (LRO)', async () => {
        const client = clients[transport];
        const [created] = await client.createCustomJob({ parent: PARENT, customJob: customJob(`node-${transport}`) });
        assert.equal(created.state, 'JOB_STATE_QUEUED');
        assert.equal(created.jobSpec?.workerPoolSpecs?.[0]?.machineSpec?.acceleratorType, 'NVIDIA_TESLA_A100');
        const [got] = await client.getCustomJob({ name: created.name! });
        assert.equal(got.displayName, `node-${transport}`);
        assert.equal(String(got.jobSpec?.workerPoolSpecs?.[0]?.replicaCount), '1');
        await client.createCustomJob({ parent: PARENT, customJob: customJob(`node-${transport}-2`) });
        const names: string[] = [];
        for await (const job of client.listCustomJobsAsync({ parent: PARENT, pageSize: 1 })) names.push(job.name!);
        assert.ok(names.includes(created.name!));
        assert.equal(new Set(names).size, names.length, 'paging returns each job once');

        const busy = await failure(client.deleteCustomJob({ name: created.name! }));
        assert.equal(busy.code, 9, 'FAILED_PRECONDITION while running');
        await client.cancelCustomJob({ name: created.name! });
        const deadline = Date.now() + 5_000;
        while ((await client.getCustomJob({ name: created.name! }))[0].state !== 'JOB_STATE_CANCELLED') {
          assert.ok(Date.now() < deadline, 'cancelled in time');
          await new Promise((r) => setTimeout(r, 50));
        }
        const [operation] = await client.deleteCustomJob({ name: created.name! });
        await operation.promise();
        const resumed = await client.checkDeleteCustomJobProgress(operation.name!);
        assert.equal(resumed.done, true, 'the operation can be fetched again by name');
        const missing = await failure(client.getCustomJob({ name: created.name! }));
        assert.equal(missing.code, 5);
        assert.match(missing.message, /The CustomJob does not exist\./);
      });

      it('decodes INVALID_ARGUMENT with BadRequest field violations', async () => {
        const bad = customJob('bad');
        bad.jobSpec.workerPoolSpecs[0].machineSpec = { machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 };
        const e = await failure(clients[transport].createCustomJob({ parent: PARENT, customJob: bad }));
        assert.equal(e.code, 3);
        assert.deepEqual(e.violations, ['job_spec.worker_pool_specs[0].machine_spec.accelerator_type']);
      });
    });
  }

  it('sees a job created by gcloud on both transports, and gcloud sees one created by Node', async () => {
    const made = await gcloud.run<JsonObject>(['ai', 'custom-jobs', 'create', '--region=us-central1', '--display-name=from-gcloud',
      '--worker-pool-spec=machine-type=n1-standard-8,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=2,container-image-uri=gcr.io/p/t:1']);
    assert.equal(made.code, 0, made.stderr);
    const name = String(made.json?.name);
    const [viaGrpc] = await clients.grpc.getCustomJob({ name });
    const [viaRest] = await clients.rest.getCustomJob({ name });
    assert.equal(viaGrpc.displayName, 'from-gcloud');
    assert.equal(viaGrpc.jobSpec?.workerPoolSpecs?.[0]?.machineSpec?.acceleratorCount, 2);
    assert.deepEqual(JSON.parse(JSON.stringify(viaRest)), JSON.parse(JSON.stringify(viaGrpc)), 'both transports give the same object');

    const [fromNode] = await clients.grpc.createCustomJob({ parent: PARENT, customJob: customJob('from-node') });
    const described = await gcloud.run<JsonObject>(['ai', 'custom-jobs', 'describe', fromNode.name!]);
    assert.equal(described.code, 0, described.stderr);
    assert.equal(described.json?.displayName, 'from-node');
    assert.equal(described.json?.name, fromNode.name);
  });
});
