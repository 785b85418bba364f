import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoEmulator } from './demoEmulator';
import { toApiError } from '../../../src/cloud/apiErrors';
import { getResourceJson } from '../../../src/cloud/resourceDetails';
import { cancelTrainingJob, deleteTrainingJob, getTrainingJob, jobKindOf, listTrainingJobs, stateClause } from '../../../src/cloud/trainingJobs';
import type { TrainingJob } from '../../../src/cloud/trainingJobTypes';

const LOCATION = 'projects/demo-project/locations/us-central1';

test('state filters use each kind of job its own enum', () => {
  assert.equal(stateClause('customJob', ['running']), '(state="JOB_STATE_RUNNING" OR state="JOB_STATE_UPDATING")');
  assert.equal(stateClause('pipelineJob', ['failed']), 'state="PIPELINE_STATE_FAILED"');
  assert.equal(stateClause('hpTuningJob', []), undefined);
  assert.equal(jobKindOf(`${LOCATION}/hyperparameterTuningJobs/1`), 'hpTuningJob');
  assert.equal(jobKindOf(`${LOCATION}/models/1`), undefined);
});

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

for (const transport of ['grpc', 'rest'] as const) {
  describe(`training jobs over ${transport} against the emulator`, () => {
    const demo = useDemoEmulator(transport);

    test('lists every kind from the demo seed as plain jobs, newest first', async () => {
      const custom = await listTrainingJobs(demo.clients, 'customJob');
      assert.ok(custom.items.length >= 5);
      const created = custom.items.map((j) => j.createTime?.getTime() ?? 0);
      assert.deepEqual(created, [...created].sort((a, b) => b - a));
      const categories = new Set(custom.items.map((j) => j.category));
      for (const c of ['running', 'succeeded', 'failed']) assert.ok(categories.has(c as TrainingJob['category']), `a ${c} custom job`);
      const gpu = custom.items.find((j) => j.workerPools.some((p) => p.machineSpec.acceleratorType && p.machineSpec.acceleratorType !== 'ACCELERATOR_TYPE_UNSPECIFIED'));
      assert.ok(gpu?.workerPools[0].image, 'pools carry their image');
      const failed = custom.items.find((j) => j.category === 'failed');
      assert.ok(failed?.error?.message);
      for (const kind of ['hpTuningJob', 'trainingPipeline', 'pipelineJob'] as const) {
        const page = await listTrainingJobs(demo.clients, kind);
        assert.ok(page.items.length > 0, kind);
        assert.ok(page.items.every((j) => j.kind === kind && j.name.includes(LOCATION.split('/')[3])));
      }
      const pipelines = await listTrainingJobs(demo.clients, 'trainingPipeline');
      assert.equal(pipelines.items[0].workerPools[0]?.machineType, 'n1-standard-8', 'pools read from trainingTaskInputs');
    });

    test('HP tuning jobs carry trials with parameters, metric, and the best trial', async () => {
      const [hp] = (await listTrainingJobs(demo.clients, 'hpTuningJob')).items;
      await waitFor('finished trials', async () => (await getTrainingJob(demo.clients, hp.name)).hpTuning?.bestTrialId !== undefined);
      const info = (await getTrainingJob(demo.clients, hp.name)).hpTuning;
      assert.ok(info);
      assert.equal(info.metricId, 'accuracy');
      assert.equal(info.goal, 'MAXIMIZE');
      const scored = info.trials.filter((t) => t.metric !== undefined);
      const best = Math.max(...scored.map((t) => t.metric as number));
      assert.equal(info.trials.find((t) => t.id === info.bestTrialId)?.metric, best);
      assert.ok(info.trials[0].parameters.some((p) => p.id === 'learning_rate' && typeof p.value === 'number'));
    });

    test('pages through generated jobs with a state filter and a display-name filter', async () => {
      const parent = LOCATION;
      const res = await fetch(`${demo.emu.url}/emulator/v1/customJobs:generate`, { method: 'POST', body: JSON.stringify({ parent, count: 120 }) });
      assert.equal(res.status, 200);
      let token: string | undefined;
      const seen = new Set<string>();
      let pages = 0;
      do {
        const page = await listTrainingJobs(demo.clients, 'customJob', { pageToken: token, filter: 'display_name:"*synthetic*"' });
        assert.ok(page.items.length <= 50);
        for (const j of page.items) seen.add(j.name);
        token = page.nextPageToken;
        pages++;
      } while (token);
      assert.equal(seen.size, 120);
      assert.equal(pages, 3);
      const failed = await listTrainingJobs(demo.clients, 'customJob', { filter: `${stateClause('customJob', ['failed'])} AND display_name:"*synthetic*"` });
      assert.ok(failed.items.length > 0 && failed.items.every((j) => j.category === 'failed'));
    });

    test('cancels a running job and deletes a finished one; deleting a running job says why not', async () => {
      const [created] = await demo.clients.jobs().createCustomJob({
        parent: LOCATION,
        customJob: { displayName: `cancel-me-${transport}`, labels: { 'emulator-run-seconds': '30' }, jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: 1, containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/t:1' } }] } },
      });
      const name = created.name as string;
      await assert.rejects(deleteTrainingJob(demo.clients, name), (err: unknown) => toApiError(err)?.status === 'FAILED_PRECONDITION');
      await cancelTrainingJob(demo.clients, name);
      await waitFor('CANCELLED', async () => (await getTrainingJob(demo.clients, name)).category === 'cancelled');
      await deleteTrainingJob(demo.clients, name);
      await assert.rejects(getTrainingJob(demo.clients, name), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
    });

    test('any resource reads as proto3 JSON for the details document', async () => {
      const [job] = (await listTrainingJobs(demo.clients, 'customJob')).items;
      const json = await getResourceJson(demo.clients, job.name);
      assert.equal(json.name, job.name);
      assert.match(String(json.createTime), /^\d{4}-\d\d-\d\dT/);
      assert.ok(!JSON.stringify(json).includes('_UNSPECIFIED'));
      assert.ok(!JSON.stringify(json).includes('"kind"'));
      await assert.rejects(getResourceJson(demo.clients, `${LOCATION}/customJobs/1`), /NOT_FOUND/);
    });
  });
}
