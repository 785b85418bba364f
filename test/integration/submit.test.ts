import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { emulator, emulatorUrl, extensionApi, waitFor } from './explorer/explorerHarness';

const VIEW = 'vertexAI.trainingJobs';
const PARENT = 'projects/demo-project/locations/us-central1';

const pool = (machineSpec: string, image: string, replicas = 1) => `  - machineSpec: ${machineSpec}
    replicaCount: ${replicas}
    containerSpec:
      imageUri: ${image}
      args: ["--epochs=1"]
`;
const GPU_IMAGE = 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest';
const TPU_IMAGE = 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest';

const SPECS = {
  gpu: `displayName: submit-gpu\nlabels: {team: vision}\nscheduling: {strategy: SPOT, timeout: 3600s}\nworkerPoolSpecs:\n${pool('{machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}', GPU_IMAGE)}`,
  tpu: `displayName: submit-tpu\nworkerPoolSpecs:\n${pool('{machineType: ct5lp-hightpu-4t, tpuTopology: 2x2}', TPU_IMAGE)}`,
  tuning: `displayName: submit-tuning
hyperparameterTuning:
  maxTrialCount: 3
  parallelTrialCount: 3
  studySpec:
    metrics: [{metricId: accuracy, goal: MAXIMIZE}]
    parameters: [{parameterId: lr, doubleValueSpec: {minValue: 0.001, maxValue: 0.1}, scaleType: UNIT_LOG_SCALE}]
workerPoolSpecs:
${pool('{machineType: n1-standard-4}', 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest')}`,
};

function specFile(name: string, text: string): vscode.Uri {
  const dir = join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'jobs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return vscode.Uri.file(join(dir, name));
}

async function apiJob(name: string): Promise<Record<string, unknown>> {
  const res = await emulator.get(name);
  assert.equal(res.status, 200, `GET ${name}`);
  return (await res.json()) as Record<string, unknown>;
}

async function jobsNamed(displayName: string, collection = 'customJobs'): Promise<string[]> {
  const res = await fetch(`${emulatorUrl()}/v1/${PARENT}/${collection}?filter=${encodeURIComponent(`display_name="${displayName}"`)}`);
  const body = (await res.json()) as Record<string, { name: string }[] | undefined>;
  return (body[collection] ?? []).map((j) => j.name);
}

const submit = (uri: vscode.Uri) => vscode.commands.executeCommand<string | undefined>('vertexAI.submitTrainingJob', uri);

describe('Submit Training Job (emulator)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const treeHas = (group: string, name: string) => waitFor(`${name} in the Training Jobs view`, async () =>
    (await api.getTreeNodes(VIEW, `${VIEW}/${group}`)).find((n) => n.id === name));

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    await emulator.clearFaults();
  });

  it('submits a GPU spec from the Explorer, with automatic labels, and shows the job in the view', async () => {
    const uri = specFile('gpu.vertex.yaml', SPECS.gpu);
    const name = await submit(uri);
    assert.match(name ?? '', /^projects\/\d+\/locations\/us-central1\/customJobs\/\d+$/);
    const job = await apiJob(name as string);
    const spec = job.jobSpec as { scheduling: unknown; workerPoolSpecs: { machineSpec: unknown }[] };
    assert.deepEqual(spec.workerPoolSpecs[0].machineSpec, { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 });
    assert.deepEqual(spec.scheduling, { strategy: 'SPOT', timeout: '3600s' });
    assert.deepEqual(job.labels, { team: 'vision', 'spec-path': 'jobs-gpu-vertex-yaml' });
    await treeHas('customJob', name as string);
  });

  it('submits a TPU v5e spec', async () => {
    const name = await submit(specFile('tpu.vertex.yaml', SPECS.tpu));
    const job = await apiJob(name as string);
    assert.deepEqual((job.jobSpec as { workerPoolSpecs: { machineSpec: unknown }[] }).workerPoolSpecs[0].machineSpec, { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' });
    await treeHas('customJob', name as string);
  });

  it('never makes two jobs from a double click', async () => {
    const uri = specFile('twice.vertex.yaml', SPECS.gpu.replace('submit-gpu', 'submit-twice'));
    const [first, second] = await Promise.all([submit(uri), submit(uri)]);
    const third = await submit(uri);
    assert.ok(first);
    assert.equal(second, first);
    assert.equal(third, first, 'a click right after the first job was created');
    assert.deepEqual(await jobsNamed('submit-twice'), [first]);
  });

  it('submits a hyperparameter tuning job whose trials show in the view', async () => {
    const name = await submit(specFile('tuning.vertex.yaml', SPECS.tuning));
    assert.match(name ?? '', /\/hyperparameterTuningJobs\/\d+$/);
    await treeHas('hpTuningJob', name as string);
    await waitFor('its trials', async () => {
      await vscode.commands.executeCommand('vertexAI.refreshItem', `${VIEW}/hpTuningJob`);
      await api.getTreeNodes(VIEW, `${VIEW}/hpTuningJob`);
      const trials = (await api.getTreeNodes(VIEW, name)).filter((n) => n.label.startsWith('Trial'));
      return trials.length === 3 ? trials : undefined;
    }, 20_000);
  });

  it('refuses a spec with problems and creates nothing', async () => {
    const uri = specFile('bad.vertex.yaml', SPECS.gpu.replace('submit-gpu', 'submit-bad').replace('acceleratorCount: 1', 'acceleratorCount: 3'));
    assert.equal(await submit(uri), undefined);
    assert.deepEqual(await jobsNamed('submit-bad'), []);
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.code === 'accelerator-count'));
  });

  it('puts the fields the API rejected back in the file', async () => {
    // The region table says us-west3 has no L4: a warning here, an INVALID_ARGUMENT from the API.
    const uri = specFile('rejected.vertex.yaml', `region: us-west3\n${SPECS.gpu.replace('submit-gpu', 'submit-rejected')}`);
    assert.equal(await submit(uri), undefined);
    const rejected = await waitFor('the API problem', async () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vertex AI API');
      return found.length > 0 ? found : undefined;
    });
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(rejected[0].code, 'job_spec.worker_pool_specs[0].machine_spec.accelerator_type');
    assert.equal(doc.getText(rejected[0].range), 'NVIDIA_L4');
  });

  it('stops on an exhausted quota without creating a job', async () => {
    await emulator.addFault({ method: 'google.cloud.aiplatform.v1.JobService.CreateCustomJob', code: 'RESOURCE_EXHAUSTED', count: 1,
      message: 'Quota exceeded for aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus.' });
    assert.equal(await submit(specFile('quota.vertex.yaml', SPECS.gpu.replace('submit-gpu', 'submit-quota'))), undefined);
    assert.deepEqual(await jobsNamed('submit-quota'), []);
  });

  it('stops on an Artifact Registry image that does not exist', async () => {
    const uri = specFile('missing.vertex.yaml', SPECS.gpu.replace('submit-gpu', 'submit-missing').replace(GPU_IMAGE, 'us-central1-docker.pkg.dev/demo-project/training/nope:v1'));
    assert.equal(await submit(uri), undefined);
    assert.deepEqual(await jobsNamed('submit-missing'), []);
  });
});
