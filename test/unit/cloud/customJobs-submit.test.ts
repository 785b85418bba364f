import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import type { JsonObject } from '../../emulator/core/json';
import { createTrainingJob, JobCreateError, RegionalClients } from '../../../src/cloud/customJobs-submit';
import type { Connection } from '../../../src/cloud/connection';
import { explainSubmitFailure } from '../../../src/cloud/submitErrors';
import { VertexClients } from '../../../src/cloud/vertexClients';

const pool = (machineSpec: JsonObject) => ({ machineSpec, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest', args: ['--epochs=1'] } });

for (const transport of ['grpc', 'rest'] as const) {
  describe(`creating training jobs over ${transport}`, () => {
    let emu: Emulator;
    let clients: VertexClients;
    before(async () => {
      emu = await startEmulator();
      clients = new VertexClients({ project: 'demo-project', region: 'us-central1', transport, overrides: { aiplatform: emu.url } });
    });
    after(async () => {
      await clients.close();
      await emu.stop();
    });

    test('a custom job is stored with the spec it was given, durations included', async () => {
      const jobSpec = { scheduling: { strategy: 'SPOT', timeout: '3600s' }, workerPoolSpecs: [pool({ machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 })] };
      const created = await createTrainingJob(clients, { kind: 'customJob', body: { displayName: 'gpu', labels: { 'git-dirty': 'false' }, jobSpec } });
      assert.match(created.name, /^projects\/\d+\/locations\/us-central1\/customJobs\/\d+$/);
      assert.equal(created.kind, 'customJob');
      assert.equal(created.displayName, 'gpu');
      const stored = emu.store.collection<JsonObject>('customJobs').get(created.name);
      assert.deepEqual((stored?.jobSpec as JsonObject).scheduling, { strategy: 'SPOT', timeout: '3600s' });
      assert.deepEqual(stored?.labels, { 'git-dirty': 'false' });
    });

    test('a hyperparameter tuning job is created as one', async () => {
      const created = await createTrainingJob(clients, { kind: 'hyperparameterTuningJob', body: {
        displayName: 'tune', maxTrialCount: 2, parallelTrialCount: 1,
        studySpec: { metrics: [{ metricId: 'loss', goal: 'MINIMIZE' }], parameters: [{ parameterId: 'lr', doubleValueSpec: { minValue: 0.001, maxValue: 0.1 } }] },
        trialJobSpec: { workerPoolSpecs: [pool({ machineType: 'n1-standard-4' })] },
      } });
      assert.match(created.name, /\/hyperparameterTuningJobs\/\d+$/);
      assert.equal(created.kind, 'hyperparameterTuningJob');
    });

    test('a refused job raises JobCreateError whose field violations map back to the spec', async () => {
      const body = { displayName: 'bad', jobSpec: { workerPoolSpecs: [pool({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 })] } };
      const error = await createTrainingJob(clients, { kind: 'customJob', body }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof JobCreateError, String(error));
      assert.equal(error.api.status, 'INVALID_ARGUMENT');
      const failure = explainSubmitFailure(error.api, { project: 'demo-project', region: 'us-central1', images: [] });
      assert.deepEqual(failure.kind === 'fields' && failure.fields.map((f) => f.path), [['workerPoolSpecs', 0, 'machineSpec', 'acceleratorType']]);
    });

    test('an exhausted quota arrives as RESOURCE_EXHAUSTED with the quota named', async () => {
      emu.faults.add({ method: 'google.cloud.aiplatform.v1.JobService.CreateCustomJob', code: 'RESOURCE_EXHAUSTED', count: 1,
        message: 'Quota exceeded for aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus in region us-central1.' });
      const body = { displayName: 'q', jobSpec: { workerPoolSpecs: [pool({ machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 })] } };
      const error = await createTrainingJob(clients, { kind: 'customJob', body }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof JobCreateError);
      const failure = explainSubmitFailure(error.api, { project: 'demo-project', region: 'us-central1', images: [] });
      assert.equal(failure.kind === 'quota' && failure.quota, 'aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus');
    });
  });
}

test('regional clients: one per region, the session connection reused for its own region, replaced with the connection', async () => {
  const regional = new RegionalClients();
  const connection: Connection = { project: 'p', region: 'us-central1', transport: 'rest', overrides: { aiplatform: 'http://127.0.0.1:9' } };
  const home = regional.get(connection, 'us-central1');
  assert.equal(home.connection, connection);
  assert.equal(regional.get(connection, 'us-central1'), home);
  const europe = regional.get(connection, 'europe-west4');
  assert.equal(europe.connection.region, 'europe-west4');
  assert.equal(europe.connection.project, 'p');
  assert.notEqual(regional.get({ ...connection }, 'us-central1'), home, 'a new connection gets new clients');
  await regional.close();
});
