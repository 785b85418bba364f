import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoEmulator } from './demoEmulator';
import { DEMO_MODEL_IDS } from '../../emulator/models/seed';
import { createBucket, putObject } from '../../emulator/storage/objects';
import type { BatchPredictionInput } from '../../../src/cloud/batchPrediction';
import { toApiError } from '../../../src/cloud/apiErrors';
import { batchPredictionRequest, cancelBatchPredictionJob, createBatchPredictionJob, deleteBatchPredictionJob, getBatchPredictionJob, listBatchPredictionJobs } from '../../../src/cloud/batchPrediction';
import { getJobStatus, parseJobName } from '../../../src/logs/job-status';

const MODEL = `projects/demo-project/locations/us-central1/models/${DEMO_MODEL_IDS.churn}`;
const input = (extra: Partial<BatchPredictionInput> = {}): BatchPredictionInput => ({ displayName: 'score', model: MODEL, source: ['gs://bp-in/in/a.jsonl'], outputPrefix: 'gs://bp-in/out', ...extra });

describe('the batch prediction request', () => {
  test('reads the input format from the files, or BigQuery from bq://', () => {
    assert.deepEqual(batchPredictionRequest(input(), 'us-central1'), {
      displayName: 'score',
      model: MODEL,
      inputConfig: { instancesFormat: 'jsonl', gcsSource: { uris: ['gs://bp-in/in/a.jsonl'] } },
      outputConfig: { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: 'gs://bp-in/out' } },
    });
    assert.deepEqual(batchPredictionRequest(input({ source: ['gs://bp-in/a.csv', 'gs://bp-in/b.csv'] }), 'us-central1').inputConfig, { instancesFormat: 'csv', gcsSource: { uris: ['gs://bp-in/a.csv', 'gs://bp-in/b.csv'] } });
    const bq = batchPredictionRequest(input({ source: ['bq://my-project.sales.rows'], outputPrefix: 'bq://my-project.preds', machineType: 'n1-standard-4', replicaCount: 2 }), 'us-central1');
    assert.deepEqual(bq.inputConfig, { instancesFormat: 'bigquery', bigquerySource: { inputUri: 'bq://my-project.sales.rows' } });
    assert.deepEqual(bq.outputConfig, { predictionsFormat: 'bigquery', bigqueryDestination: { outputUri: 'bq://my-project.preds' } });
    assert.deepEqual(bq.dedicatedResources, { machineSpec: { machineType: 'n1-standard-4' }, startingReplicaCount: 2, maxReplicaCount: 2 });
  });

  test('bad input is named before anything is sent', () => {
    const bad = (extra: Partial<BatchPredictionInput>, message: RegExp) => assert.throws(() => batchPredictionRequest(input(extra), 'us-central1'), message);
    bad({ source: ['gs://bp-in/a.jsonl', 'gs://bp-in/b.csv'] }, /mix JSON Lines and CSV/);
    bad({ source: ['gs://bp-in/a.parquet'] }, /reads JSON Lines \(\.jsonl\) or CSV/);
    bad({ source: ['s3://bp/a.jsonl'] }, /is not a Cloud Storage file/);
    bad({ source: ['bq://my-project.sales'] }, /is not a BigQuery table/);
    bad({ source: [] }, /Give the input/);
    bad({ outputPrefix: 'out/' }, /is not a Cloud Storage prefix/);
    bad({ model: 'churn' }, /is not a model resource name/);
    bad({ model: MODEL.replace('us-central1', 'asia-east1') }, /is in asia-east1, but the current region is us-central1/);
  });
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`batch prediction jobs over ${transport}`, () => {
    const demo = useDemoEmulator(transport, async (emu) => {
      createBucket(emu.store, 'demo-project', 'bp-in');
      putObject(emu.store, 'bp-in', 'in/a.jsonl', '{"x":1}\n{"x":2}\n');
    });

    test('a created job is listed and runs to success with its output directory and counts', async () => {
      const created = await createBatchPredictionJob(demo.clients, input());
      assert.equal(created.state, 'JOB_STATE_PENDING');
      assert.equal(created.category, 'pending');
      assert.match(created.model, new RegExp(`^projects/[^/]+/locations/us-central1/models/${DEMO_MODEL_IDS.churn}$`));
      assert.ok((await listBatchPredictionJobs(demo.clients)).items.some((j) => j.name === created.name));
      let job = created;
      for (let i = 0; i < 200 && job.category !== 'succeeded' && job.category !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = await getBatchPredictionJob(demo.clients, created.name);
      }
      assert.equal(job.state, 'JOB_STATE_SUCCEEDED');
      assert.match(job.outputLocation ?? '', /^gs:\/\/bp-in\/out\/prediction-score-/);
      assert.equal(job.successfulCount, 2);
      assert.equal(job.failedCount, 0);
      // Its logs are followed like a custom job's: by id, until the state is final.
      const ref = parseJobName(job.name);
      assert.equal(ref?.kind, 'batchPrediction');
      const status = await getJobStatus(demo.clients, ref as NonNullable<typeof ref>);
      assert.deepEqual([status.state, status.replicas], ['JOB_STATE_SUCCEEDED', []]);
    });

    test('a job whose input cannot be read ends failed with the API\'s reason', async () => {
      const created = await createBatchPredictionJob(demo.clients, input({ source: ['gs://bp-in/in/missing.jsonl'] }));
      let job = created;
      for (let i = 0; i < 200 && job.category !== 'succeeded' && job.category !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = await getBatchPredictionJob(demo.clients, created.name);
      }
      assert.equal(job.state, 'JOB_STATE_FAILED');
      assert.match(job.error?.message ?? '', /Unable to read the input file\(s\): gs:\/\/bp-in\/in\/missing\.jsonl/);
    });

    test('cancels a running job and deletes it once cancelled; deleting a running job says why not', async () => {
      const created = await createBatchPredictionJob(demo.clients, input({ displayName: `cancel-me-${transport}`, labels: { 'emulator-run-seconds': '30' } }));
      assert.deepEqual(created.labels, { 'emulator-run-seconds': '30' });
      await assert.rejects(deleteBatchPredictionJob(demo.clients, created.name), (err: unknown) => toApiError(err)?.status === 'FAILED_PRECONDITION');
      await cancelBatchPredictionJob(demo.clients, created.name);
      let job = await getBatchPredictionJob(demo.clients, created.name);
      assert.ok(['cancelling', 'cancelled'].includes(job.category), job.state);
      for (let i = 0; i < 200 && job.category !== 'cancelled'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = await getBatchPredictionJob(demo.clients, created.name);
      }
      assert.equal(job.state, 'JOB_STATE_CANCELLED');
      await deleteBatchPredictionJob(demo.clients, created.name);
      await assert.rejects(getBatchPredictionJob(demo.clients, created.name), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
      assert.ok(!(await listBatchPredictionJobs(demo.clients)).items.some((j) => j.name === created.name));
    });

    test('cancel and delete of a job that does not exist fail with NOT_FOUND', async () => {
      const missing = 'projects/demo-project/locations/us-central1/batchPredictionJobs/404';
      await assert.rejects(cancelBatchPredictionJob(demo.clients, missing), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
      await assert.rejects(deleteBatchPredictionJob(demo.clients, missing), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
    });
  });
}
