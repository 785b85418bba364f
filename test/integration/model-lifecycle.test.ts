import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PredictOutcome } from '../../src/commands/predict';
import type { ExtensionApi } from '../../src/extension';
import { predictionFor } from '../emulator/endpoints/prediction';
import { DEMO_LOCATION, emulator, emulatorUrl, extensionApi, ScriptedInput, waitFor } from './explorer/explorerHarness';

const ENDPOINTS = 'vertexAI.endpoints';
const BUCKET = 'demo-project-vertex-staging';

async function rest(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulatorUrl()}/v1/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const createdJobs: string[] = [];

/** A custom job that writes a scikit-learn model under its baseOutputDirectory, run to success. */
async function succeededSklearnJob(displayName: string): Promise<string> {
  const job = await rest('POST', `${DEMO_LOCATION}/customJobs`, {
    displayName,
    jobSpec: {
      baseOutputDirectory: { outputUriPrefix: `gs://${BUCKET}/${displayName}` },
      workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/demo-project/trainers/sklearn-churn:1' } }],
    },
  });
  const name = String(job.name);
  createdJobs.push(name);
  await waitFor('the job to succeed', async () => ((await rest('GET', name)).state === 'JOB_STATE_SUCCEEDED' ? true : undefined), 30_000);
  return name;
}

describe('Model lifecycle: job → model → endpoint → predict → undeploy → delete (emulator)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${ENDPOINTS}.focus`);
  });

  afterEach(() => emulator.clearFaults());

  // Later suites list the same emulator's jobs and models: leave them as they were.
  const created: string[] = [];
  after(async () => {
    for (const name of [...createdJobs, ...created]) await fetch(`${emulatorUrl()}/v1/${name}`, { method: 'DELETE' });
  });

  it('registers the job\'s model, deploys it with progress on the endpoint node, serves predictions, then cleans up', async () => {
    const job = await succeededSklearnJob('lifecycle-job');
    api.setUserInput(new ScriptedInput());
    const registered = await vscode.commands.executeCommand<{ model: string; versionId: string } | undefined>('vertexAI.uploadModel', job, { displayName: 'lifecycle-model', image: 'sklearn-cpu.1-3', parentModel: '' });
    assert.ok(registered, 'Upload Model registered nothing');
    created.push(registered.model);
    const model = await rest('GET', `${registered.model}@${registered.versionId}`);
    assert.equal(model.artifactUri, `gs://${BUCKET}/lifecycle-job/model/`);
    assert.equal((model.containerSpec as { imageUri: string }).imageUri, 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest');

    // Operation polls (the new endpoint's, then the deployment's) are slow, so the node's progress can be seen.
    await emulator.addFault({ method: 'google.longrunning.Operations.GetOperation', latencyMs: 1000, count: 5 });
    const deploying = vscode.commands.executeCommand<{ endpoint: string; deployedModelId: string } | undefined>('vertexAI.deployModel', `${registered.model}@${registered.versionId}`, {
      endpoint: { displayName: 'lifecycle-endpoint' }, machineType: 'n1-standard-4', minReplicas: 1, maxReplicas: 2,
    });
    const inProgress = await waitFor('the endpoint node to show the deployment', async () => {
      const node = (await api.getTreeNodes(ENDPOINTS)).find((n) => n.label === 'lifecycle-endpoint');
      return node && /Deploying/.test(node.description ?? '') ? node : undefined;
    });
    assert.match(inProgress.contextValue ?? '', /\.deploying$/);
    const deployed = await deploying;
    assert.ok(deployed, 'Deploy to Endpoint returned nothing');
    const node = await waitFor('the endpoint node to show the deployed model', async () => {
      const found = (await api.getTreeNodes(ENDPOINTS)).find((n) => n.label === 'lifecycle-endpoint');
      return found && found.description?.startsWith('1 model') ? found : undefined;
    });
    assert.deepEqual((await api.getTreeNodes(ENDPOINTS, node.id)).map((d) => d.description), ['100% · n1-standard-4 · 1–2 replicas']);

    const instances = [{ tenure: 12, plan: 'pro' }, { tenure: 1, plan: 'free' }];
    const outcome = await vscode.commands.executeCommand<PredictOutcome | undefined>('vertexAI.predict', deployed.endpoint, { text: JSON.stringify({ instances }) });
    assert.ok(outcome, 'Predict… returned nothing');
    const expected = instances.map((i) => predictionFor(deployed.deployedModelId, i));
    assert.deepEqual(outcome.result.predictions, expected);
    assert.equal(outcome.result.deployedModelId, deployed.deployedModelId);
    assert.equal(outcome.result.model, registered.model);
    // The read-only response document the command opened says the same, with the latency.
    assert.equal(outcome.document.uri.scheme, 'vertexai-prediction');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === outcome.document), 'the response is not shown');
    const shown = JSON.parse(outcome.document.getText()) as { endpoint: string; deployedModelId: string; latencyMs: number; predictions: unknown[] };
    assert.deepEqual(shown.predictions, expected);
    assert.equal(shown.endpoint, deployed.endpoint);
    assert.equal(shown.deployedModelId, deployed.deployedModelId);
    assert.equal(typeof shown.latencyMs, 'number');

    assert.equal(await vscode.commands.executeCommand('vertexAI.undeployModel', deployed, { confirmed: true }), 'undeployed');
    assert.deepEqual(((await rest('GET', deployed.endpoint)).deployedModels as unknown[] | undefined) ?? [], []);
    const ui = new ScriptedInput().expectConfirm(true);
    api.setUserInput(ui);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteEndpoint', deployed.endpoint), 'deleted');
    ui.assertDone();
    assert.equal((await emulator.get(deployed.endpoint)).status, 404);
  });

  it('refuses bad input before anything is created: wrong artifacts for the image, a machine the rules reject', async () => {
    const job = await succeededSklearnJob('lifecycle-wrong');
    const before = await rest('GET', `${DEMO_LOCATION}/models`);
    api.setUserInput(new ScriptedInput());
    assert.equal(await vscode.commands.executeCommand('vertexAI.uploadModel', job, { displayName: 'wrong', image: 'tf2-cpu.2-15', parentModel: '' }), undefined);
    assert.equal(((await rest('GET', `${DEMO_LOCATION}/models`)).models as unknown[]).length, (before.models as unknown[]).length);
    const churn = ((before.models as Array<{ name: string; displayName: string }>).find((m) => m.displayName === 'churn-xgboost') ?? { name: '' }).name;
    const endpointsBefore = ((await rest('GET', `${DEMO_LOCATION}/endpoints`)).endpoints as unknown[]).length;
    assert.equal(await vscode.commands.executeCommand('vertexAI.deployModel', churn, {
      endpoint: { displayName: 'never-made' }, machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1, minReplicas: 1,
    }), undefined);
    assert.equal(((await rest('GET', `${DEMO_LOCATION}/endpoints`)).endpoints as unknown[]).length, endpointsBefore);
  });

  it('Delete Endpoint with undeployFirst empties a serving endpoint, then deletes it', async () => {
    const operation = String((await rest('POST', `${DEMO_LOCATION}/endpoints`, { displayName: 'lifecycle-serving' })).name);
    const done = await waitFor('the endpoint to be created', async () => {
      const op = await rest('GET', operation);
      return op.done === true ? op : undefined;
    });
    const endpointName = String((done.response as { name?: string } | undefined)?.name ?? '');
    assert.ok(endpointName, JSON.stringify(done));
    const models = (await rest('GET', `${DEMO_LOCATION}/models`)).models as Array<{ name: string; displayName: string }>;
    const churn = models.find((m) => m.displayName === 'churn-xgboost');
    assert.ok(churn);
    api.setUserInput(new ScriptedInput());
    assert.ok(await vscode.commands.executeCommand('vertexAI.deployModel', churn.name, { endpoint: endpointName, machineType: 'n1-standard-4', minReplicas: 1 }));
    const ui = new ScriptedInput().expectConfirm(true);
    api.setUserInput(ui);
    assert.equal(await vscode.commands.executeCommand('vertexAI.deleteEndpoint', endpointName, { undeployFirst: true }), 'deleted');
    ui.assertDone();
    assert.equal((await emulator.get(endpointName)).status, 404);
  });

  it('flags endpoints whose models have been deployed longer than the setting allows', async () => {
    const config = vscode.workspace.getConfiguration('vertexAI');
    const churn = async () => {
      await vscode.commands.executeCommand('vertexAI.refreshItem');
      return waitFor('churn-prod in the tree', async () => (await api.getTreeNodes(ENDPOINTS)).find((n) => n.label === 'churn-prod'));
    };
    try {
      await config.update('endpointCostWarningHours', 24, vscode.ConfigurationTarget.Global);
      const flagged = await churn();
      assert.equal(flagged.icon, 'warning');
      assert.match(flagged.tooltip ?? '', /Models deployed for [2-3] d, billed by the hour/);
      await config.update('endpointCostWarningHours', 200, vscode.ConfigurationTarget.Global);
      const quiet = await churn();
      assert.equal(quiet.icon, 'radio-tower');
      assert.doesNotMatch(quiet.tooltip ?? '', /Models deployed for/);
    } finally {
      await config.update('endpointCostWarningHours', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('uploads a local model folder to the staging bucket, registers it, then a second version of it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'local-model-'));
    try {
      await writeFile(join(folder, 'model.joblib'), 'local joblib\n');
      await writeFile(join(folder, 'metrics.json'), '{"auc": 0.91}\n');
      api.setUserInput(new ScriptedInput());
      const first = await vscode.commands.executeCommand<{ model: string; versionId: string } | undefined>('vertexAI.uploadModel', folder, { displayName: 'local-model', image: 'sklearn-cpu.1-3', parentModel: '' });
      assert.ok(first, 'Upload Model registered nothing');
      created.push(first.model);
      const artifactUri = String((await rest('GET', first.model)).artifactUri);
      assert.match(artifactUri, new RegExp(`^gs://${BUCKET}/models/local-model-\\w+-[0-9a-f]{10}/$`));
      const objects = await fetch(`${emulatorUrl()}/storage/v1/b/${BUCKET}/o?prefix=${encodeURIComponent(artifactUri.slice(`gs://${BUCKET}/`.length))}`).then((r) => r.json()) as { items?: { name: string }[] };
      assert.deepEqual((objects.items ?? []).map((o) => o.name.split('/').pop()).sort(), ['metrics.json', 'model.joblib']);
      const second = await vscode.commands.executeCommand<{ model: string; versionId: string } | undefined>('vertexAI.uploadModel', folder, { image: 'sklearn-cpu.1-3', parentModel: first.model });
      assert.deepEqual(second, { model: first.model, versionId: '2' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
