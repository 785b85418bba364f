import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, eventually, finish, isStatus, newEmulator } from '../models/call-helpers';
import { registerModelService } from '../models/service';
import { registerPipelineService } from './service';

const emu = newEmulator(registerModelService, registerPipelineService);
after(() => emu.stop());
const parent = 'projects/p1/locations/us-central1';
const pipeline = (labels: Record<string, string> = {}) => ({
  displayName: 'tp',
  trainingTaskDefinition: 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
  trainingTaskInputs: { workerPoolSpecs: [] },
  modelToUpload: { displayName: 'trained', containerSpec: { imageUri: 'gcr.io/p1/serve:1' } },
  labels,
});

describe('PipelineService training pipelines', () => {
  it('runs PENDING → RUNNING → SUCCEEDED and uploads the trained model', async () => {
    const created = await call(emu, 'PipelineService.CreateTrainingPipeline', { parent, trainingPipeline: pipeline() });
    assert.equal(created.state, 'PIPELINE_STATE_PENDING');
    const get = () => call(emu, 'PipelineService.GetTrainingPipeline', { name: String(created.name) });
    await eventually(get, (p) => p.state === 'PIPELINE_STATE_RUNNING');
    const done = await eventually(get, (p) => p.state === 'PIPELINE_STATE_SUCCEEDED');
    const uploaded = done.modelToUpload as { name: string; versionId: string };
    assert.equal(uploaded.versionId, '1');
    const model = await call(emu, 'ModelService.GetModel', { name: uploaded.name });
    assert.equal(model.trainingPipeline, created.name);
    assert.equal(model.displayName, 'trained');
    await assert.rejects(call(emu, 'PipelineService.CancelTrainingPipeline', { name: String(created.name) }), isStatus('FAILED_PRECONDITION'));
    await finish(emu, await call(emu, 'PipelineService.DeleteTrainingPipeline', { name: String(created.name) }));
    await assert.rejects(get(), isStatus('NOT_FOUND'));
  });

  it('fails on request, cancels, and refuses to delete while running', async () => {
    const failing = await call(emu, 'PipelineService.CreateTrainingPipeline', { parent, trainingPipeline: pipeline({ 'emulator-outcome': 'fail' }) });
    const cancelled = await call(emu, 'PipelineService.CreateTrainingPipeline', { parent, trainingPipeline: pipeline() });
    await assert.rejects(call(emu, 'PipelineService.DeleteTrainingPipeline', { name: String(cancelled.name) }), isStatus('FAILED_PRECONDITION'));
    await call(emu, 'PipelineService.CancelTrainingPipeline', { name: String(cancelled.name) });
    const c = await eventually(() => call(emu, 'PipelineService.GetTrainingPipeline', { name: String(cancelled.name) }), (p) => p.state === 'PIPELINE_STATE_CANCELLED');
    assert.ok(c.endTime);
    const f = await eventually(() => call(emu, 'PipelineService.GetTrainingPipeline', { name: String(failing.name) }), (p) => p.state === 'PIPELINE_STATE_FAILED');
    assert.equal((f.error as { code: number }).code, 13);
    const listed = await call(emu, 'PipelineService.ListTrainingPipelines', { parent, filter: 'state="PIPELINE_STATE_FAILED"' });
    assert.deepEqual((listed.trainingPipelines as Array<{ name: string }>).map((p) => p.name), [failing.name]);
    await assert.rejects(call(emu, 'PipelineService.CreateTrainingPipeline', { parent, trainingPipeline: {} }), isStatus('INVALID_ARGUMENT', /training_pipeline\.display_name/));
  });
});
