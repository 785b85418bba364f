import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../core/json';
import { predictionFor } from '../endpoints/prediction';
import { logStoreOf } from '../logging/log-store';
import { call, eventually, finish, isStatus, newEmulator } from '../models/call-helpers';
import { registerModelService } from '../models/service';
import { createBucket, getObject, putObject } from '../storage/objects';
import { registerBatchPredictionJobs } from './service';

const emu = newEmulator(registerModelService, registerBatchPredictionJobs);
after(() => emu.stop());
const parent = 'projects/p1/locations/us-central1';
createBucket(emu.store, 'p1', 'bp');
putObject(emu.store, 'bp', 'in/instances.jsonl', '{"x":1}\n{"x":2}\n[3]\n');

describe('JobService batch prediction jobs', () => {
  let model = '';
  const job = (extra: JsonObject = {}): JsonObject => ({
    displayName: 'score',
    model,
    inputConfig: { instancesFormat: 'jsonl', gcsSource: { uris: ['gs://bp/in/instances.jsonl'] } },
    outputConfig: { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: 'gs://bp/out' } },
    ...extra,
  });
  const get = (name: unknown) => () => call(emu, 'JobService.GetBatchPredictionJob', { name: String(name) });

  before(async () => {
    model = String((await finish(emu, await call(emu, 'ModelService.UploadModel', { parent, model: { displayName: 'm', containerSpec: { imageUri: 'gcr.io/p1/s:1' } } }))).model);
  });

  it('runs to SUCCEEDED with outputInfo, predictions in storage and logs', async () => {
    const created = await call(emu, 'JobService.CreateBatchPredictionJob', { parent, batchPredictionJob: job() });
    assert.equal(created.state, 'JOB_STATE_PENDING');
    assert.equal(created.modelVersionId, '1');
    await assert.rejects(call(emu, 'JobService.DeleteBatchPredictionJob', { name: String(created.name) }), isStatus('FAILED_PRECONDITION'));
    const done = await eventually(get(created.name), (j) => j.state === 'JOB_STATE_SUCCEEDED');
    assert.deepEqual(done.completionStats, { successfulCount: '3', failedCount: '0', incompleteCount: '0' });
    const dir = String((done.outputInfo as JsonObject).gcsOutputDirectory);
    assert.match(dir, /^gs:\/\/bp\/out\/prediction-score-\d{4}_\d{2}_\d{2}T\d{2}_\d{2}_\d{2}Z$/);
    const results = getObject(emu.store, 'bp', `${dir.slice('gs://bp/'.length)}/prediction.results-00000-of-00001`);
    const lines = String(results?.data).trim().split('\n').map((l) => JSON.parse(l) as JsonObject);
    assert.deepEqual(lines[0], { instance: { x: 1 }, prediction: predictionFor(`${model}@1`, { x: 1 }) });
    assert.equal(lines.length, 3);
    const jobId = String(created.name).split('/').pop();
    const logs = logStoreOf(emu.store).entries().filter((e) => e.resource?.labels?.job_id === jobId);
    assert.ok(logs.length >= 2, 'the job writes log lines');
  });

  it('fails when its input cannot be read, and cancels', async () => {
    const missing = await call(emu, 'JobService.CreateBatchPredictionJob', { parent, batchPredictionJob: job({ inputConfig: { instancesFormat: 'jsonl', gcsSource: { uris: ['gs://bp/none.jsonl'] } } }) });
    const cancelled = await call(emu, 'JobService.CreateBatchPredictionJob', { parent, batchPredictionJob: job() });
    await call(emu, 'JobService.CancelBatchPredictionJob', { name: String(cancelled.name) });
    assert.equal((await get(cancelled.name)()).state, 'JOB_STATE_CANCELLING');
    await eventually(get(cancelled.name), (j) => j.state === 'JOB_STATE_CANCELLED');
    const failed = await eventually(get(missing.name), (j) => j.state === 'JOB_STATE_FAILED');
    assert.match(String((failed.error as JsonObject).message), /none\.jsonl/);
    const listed = await call(emu, 'JobService.ListBatchPredictionJobs', { parent, filter: 'state=JOB_STATE_CANCELLED' });
    assert.deepEqual((listed.batchPredictionJobs as JsonObject[]).map((j) => j.name), [cancelled.name]);
    await finish(emu, await call(emu, 'JobService.DeleteBatchPredictionJob', { name: String(cancelled.name) }));
  });

  it('validates required fields and the model formats', async () => {
    await assert.rejects(call(emu, 'JobService.CreateBatchPredictionJob', { parent, batchPredictionJob: {} }), isStatus('INVALID_ARGUMENT', /^List of found errors:\t1\.Field: batch_prediction_job\.display_name/));
    await assert.rejects(call(emu, 'JobService.CreateBatchPredictionJob', { parent, batchPredictionJob: job({ inputConfig: { instancesFormat: 'parquet', gcsSource: { uris: ['gs://bp/x'] } } }) }), isStatus('INVALID_ARGUMENT', /parquet/));
    await assert.rejects(call(emu, 'JobService.CreateBatchPredictionJob', { parent, batchPredictionJob: job({ model: `${parent}/models/404` }) }), isStatus('NOT_FOUND'));
  });
});
