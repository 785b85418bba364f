import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/aiplatform';
import { googleAuthLibrary } from 'google-gax';
import type { Emulator } from '../emulator/core/emulator';
import { DEMO_MODEL_IDS, DEMO_BUCKET } from '../emulator/models/seed';
import { startEmulator } from '../emulator/server';
import { getObject, putObject } from '../emulator/storage/objects';

const parent = 'projects/demo-project/locations/us-central1';
type ClientOptions = ConstructorParameters<typeof v1.JobServiceClient>[0];

describe('batch prediction jobs and pipelines of the demo seed, with the Node clients', () => {
  let emu: Emulator;
  let grpcOpts: ClientOptions;
  let restOpts: ClientOptions;

  before(async () => {
    emu = await startEmulator({ seed: 'demo' });
    grpcOpts = { apiEndpoint: '127.0.0.1', port: emu.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' };
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'emulator', expiry_date: Date.now() + 3_600_000 });
    restOpts = { fallback: true, protocol: 'http', apiEndpoint: '127.0.0.1', port: emu.port, authClient } as ClientOptions;
    putObject(emu.store, DEMO_BUCKET, 'batch/in.jsonl', '{"tenure": 3, "plan": "basic"}\n{"tenure": 40, "plan": "pro"}\n');
  });

  after(() => emu?.stop());

  it('runs a batch prediction job on a seeded model to SUCCEEDED, over gRPC and REST', async () => {
    for (const opts of [grpcOpts, restOpts]) {
      const jobs = new v1.JobServiceClient(opts);
      const [created] = await jobs.createBatchPredictionJob({
        parent,
        batchPredictionJob: {
          displayName: 'churn-scoring',
          model: `${parent}/models/${DEMO_MODEL_IDS.churn}`,
          inputConfig: { instancesFormat: 'jsonl', gcsSource: { uris: [`gs://${DEMO_BUCKET}/batch/in.jsonl`] } },
          outputConfig: { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: `gs://${DEMO_BUCKET}/batch/out` } },
        },
      });
      assert.equal(created.modelVersionId, '1');
      let job = created;
      const deadline = Date.now() + 5_000;
      while (!['JOB_STATE_SUCCEEDED', 4].includes(job.state as string | number)) {
        assert.ok(Date.now() < deadline, `job stuck in ${String(job.state)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        [job] = await jobs.getBatchPredictionJob({ name: String(created.name) });
      }
      assert.equal(String(job.completionStats?.successfulCount), '2');
      const dir = String(job.outputInfo?.gcsOutputDirectory);
      assert.ok(dir.startsWith(`gs://${DEMO_BUCKET}/batch/out/prediction-churn-scoring-`), dir);
      const results = getObject(emu.store, DEMO_BUCKET, `${dir.slice(`gs://${DEMO_BUCKET}/`.length)}/prediction.results-00000-of-00001`);
      assert.equal(String(results?.data).trim().split('\n').length, 2);
      const [listed] = await jobs.listBatchPredictionJobs({ parent });
      assert.ok(listed.some((j) => j.name === created.name));
      await jobs.close();
    }
  });

  it('lists and gets the seeded pipeline jobs and training pipelines', async () => {
    for (const opts of [grpcOpts, restOpts]) {
      const pipelines = new v1.PipelineServiceClient(opts);
      const [jobs] = await pipelines.listPipelineJobs({ parent, filter: 'display_name="flowers-eval"' });
      assert.equal(jobs.length, 1);
      const [job] = await pipelines.getPipelineJob({ name: String(jobs[0].name) });
      assert.ok(['PIPELINE_STATE_SUCCEEDED', 4].includes(job.state as string | number));
      assert.equal(job.pipelineSpec?.fields?.pipelineInfo?.structValue?.fields?.name?.stringValue, 'flowers-eval');
      const [training] = await pipelines.listTrainingPipelines({ parent });
      assert.equal(training.length, 3);
      await pipelines.close();
    }
  });
});
