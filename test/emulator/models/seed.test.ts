import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../core/json';
import { registerDatasetService } from '../datasets/service';
import { seedDatasets } from '../datasets/seed';
import { seedEndpoints } from '../endpoints/seed';
import { registerEndpointService, registerPredictionService } from '../endpoints/service';
import { seedPipelines } from '../pipelines/seed';
import { registerPipelineService } from '../pipelines/service';
import { call, newEmulator } from './call-helpers';
import { seedModels } from './seed';
import { registerModelService } from './service';

const emu = newEmulator(registerModelService, registerEndpointService, registerPredictionService, registerDatasetService, registerPipelineService);
after(() => emu.stop());
seedModels(emu);
seedEndpoints(emu);
seedDatasets(emu);
seedPipelines(emu);
const parent = 'projects/demo-project/locations/us-central1';
const list = async (method: string, field: string) => (await call(emu, method, { parent }))[field] as JsonObject[];

describe('demo seed', () => {
  it('has models with versions, each with one default', async () => {
    const models = await list('ModelService.ListModels', 'models');
    assert.deepEqual(models.map((m) => m.displayName).sort(), ['churn-xgboost', 'flowers-classifier', 'text-embedder']);
    const flowers = models.find((m) => m.displayName === 'flowers-classifier') as JsonObject;
    assert.equal(flowers.versionId, '2');
    const versions = (await call(emu, 'ModelService.ListModelVersions', { name: String(flowers.name) })).models as JsonObject[];
    assert.equal(versions.length, 3);
  });

  it('has endpoints whose deployed models are served and referenced by the models', async () => {
    const endpoints = await list('EndpointService.ListEndpoints', 'endpoints');
    assert.equal(endpoints.length, 3);
    for (const ep of endpoints) {
      const deployed = (ep.deployedModels as JsonObject[] | undefined) ?? [];
      for (const d of deployed) {
        const refs = (await call(emu, 'ModelService.GetModel', { name: `${String(d.model)}@${String(d.modelVersionId)}` })).deployedModels as JsonObject[];
        assert.ok(refs.some((r) => r.endpoint === ep.name && r.deployedModelId === d.id));
      }
      if (deployed.length > 0) {
        const total = Object.values(ep.trafficSplit as Record<string, number>).reduce((a, b) => a + b, 0);
        assert.equal(total, 100);
        const res = await call(emu, 'PredictionService.Predict', { endpoint: String(ep.name), instances: [[1, 2]] });
        assert.ok(deployed.some((d) => d.id === res.deployedModelId));
      }
    }
  });

  it('has two datasets and pipelines in several states', async () => {
    assert.equal((await list('DatasetService.ListDatasets', 'datasets')).length, 2);
    const states = (await list('PipelineService.ListPipelineJobs', 'pipelineJobs')).map((p) => p.state);
    assert.ok(['PIPELINE_STATE_SUCCEEDED', 'PIPELINE_STATE_RUNNING', 'PIPELINE_STATE_FAILED', 'PIPELINE_STATE_CANCELLED'].every((s) => states.includes(s)));
    assert.equal((await list('PipelineService.ListTrainingPipelines', 'trainingPipelines')).length, 3);
  });
});

describe('demo seed, run twice', () => {
  it('adds nothing the second time', async () => {
    seedModels(emu);
    seedEndpoints(emu);
    seedDatasets(emu);
    seedPipelines(emu);
    const churn = (await list('ModelService.ListModels', 'models')).find((m) => m.displayName === 'churn-xgboost') as JsonObject;
    assert.equal((churn.deployedModels as JsonObject[]).length, 1);
    assert.equal((await list('DatasetService.ListDatasets', 'datasets')).length, 2);
    assert.equal((await list('PipelineService.ListPipelineJobs', 'pipelineJobs')).length, 5);
  });
});
