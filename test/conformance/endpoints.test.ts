import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/aiplatform';
import { googleAuthLibrary } from 'google-gax';
import type { Emulator } from '../emulator/core/emulator';
import { predictionFor } from '../emulator/endpoints/prediction';
import { startEmulator } from '../emulator/server';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

const parent = 'projects/demo-project/locations/us-central1';
type ClientOptions = ConstructorParameters<typeof v1.EndpointServiceClient>[0];

/** A flat JSON object of numbers as the google.protobuf.Value the Node clients take. */
function toValue(v: Record<string, number>): object {
  return { structValue: { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, { numberValue: x }])) } };
}

describe('EndpointService and PredictionService with gcloud and the Node clients', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  let dir: string;
  let grpcOpts: ClientOptions;
  let restOpts: ClientOptions;
  let model = '';
  let endpoint = '';
  let endpointId = '';
  let deployedId = '';
  // Objects, not arrays: the REST fallback client sends a ListValue inside a Value as {"0": .., "1": ..}.
  const instances = [{ sepal: 1.5, petal: 2 }, { sepal: 3, petal: 4.25 }];

  before(async () => {
    emu = await startEmulator();
    gcloud = await createGcloudHarness(emu);
    dir = await mkdtemp(join(tmpdir(), 'conf-endpoints-'));
    grpcOpts = { apiEndpoint: '127.0.0.1', port: emu.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' };
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'emulator', expiry_date: Date.now() + 3_600_000 });
    restOpts = { fallback: true, protocol: 'http', apiEndpoint: '127.0.0.1', port: emu.port, authClient } as ClientOptions;
    const models = new v1.ModelServiceClient(grpcOpts);
    const [op] = await models.uploadModel({ parent, model: { displayName: 'served', containerSpec: { imageUri: 'us-central1-docker.pkg.dev/demo-project/serving/server:1' } } });
    model = String((await op.promise())[0].model);
    await models.close();
  });

  after(async () => {
    await gcloud?.dispose();
    await emu?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gcloud ai endpoints create; the endpoint shows for the Node REST client', async () => {
    const r = await gcloud.run(['ai', 'endpoints', 'create', '--region=us-central1', '--display-name=conf-ep', '--labels=suite=conformance'], { json: false });
    assert.equal(r.code, 0, r.stderr);
    const created = /Created Vertex AI endpoint: (projects\/\d+\/locations\/us-central1\/endpoints\/(\d+))\.\n/.exec(r.stderr);
    assert.ok(created, r.stderr);
    [, endpoint, endpointId] = created;
    const client = new v1.EndpointServiceClient(restOpts);
    const [ep] = await client.getEndpoint({ name: endpoint });
    assert.equal(ep.displayName, 'conf-ep');
    assert.deepEqual(ep.labels, { suite: 'conformance' });
    await client.close();
  });

  it('gcloud ai endpoints deploy-model refuses an accelerator the machine does not take', async () => {
    const r = await gcloud.run(
      ['ai', 'endpoints', 'deploy-model', endpointId, '--region=us-central1', `--model=${model.split('/').pop()}`, '--display-name=bad', '--machine-type=n1-standard-4', '--accelerator=type=nvidia-l4,count=1'],
      { json: false },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR: \(gcloud\.ai\.endpoints\.deploy-model\) INVALID_ARGUMENT: Accelerator "NVIDIA_L4" is not supported for machine type "n1-standard-4"\./);
  });

  it('gcloud ai endpoints deploy-model deploys with all the traffic', async () => {
    const r = await gcloud.run(
      ['ai', 'endpoints', 'deploy-model', endpointId, '--region=us-central1', `--model=${model.split('/').pop()}`, '--display-name=first', '--machine-type=n1-standard-4', '--traffic-split=0=100'],
      { json: false },
    );
    assert.equal(r.code, 0, r.stderr);
    const deployed = new RegExp(`Deployed a model to the endpoint ${endpointId}\\. Id of the deployed model: (\\d+)\\.`).exec(r.stderr);
    assert.ok(deployed, r.stderr);
    deployedId = deployed[1];
    const client = new v1.EndpointServiceClient(grpcOpts);
    const [ep] = await client.getEndpoint({ name: endpoint });
    assert.deepEqual(ep.trafficSplit, { [deployedId]: 100 });
    assert.equal(ep.deployedModels?.[0].dedicatedResources?.machineSpec?.machineType, 'n1-standard-4');
    await client.close();
  });

  it('gcloud and both Node transports get the same deterministic predictions', async () => {
    const expected = instances.map((i) => predictionFor(deployedId, i));
    const file = join(dir, 'request.json');
    await writeFile(file, JSON.stringify({ instances }));
    const r = await gcloud.run<{ predictions: number[]; deployedModelId: string }>(['ai', 'endpoints', 'predict', endpointId, '--region=us-central1', `--json-request=${file}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json?.predictions, expected);
    assert.equal(r.json?.deployedModelId, deployedId);
    for (const opts of [grpcOpts, restOpts]) {
      const client = new v1.PredictionServiceClient(opts);
      const [res] = await client.predict({ endpoint, instances: instances.map(toValue) });
      assert.deepEqual(res.predictions?.map((p) => p.numberValue), expected);
      assert.equal(res.deployedModelId, deployedId);
      await client.close();
    }
  });

  it('the Node clients resume a deploy operation by name over gRPC and REST', async () => {
    for (const [opts, name] of [[grpcOpts, 'grpc-second'], [restOpts, 'rest-third']] as const) {
      const client = new v1.EndpointServiceClient(opts);
      const [ep] = await client.getEndpoint({ name: endpoint });
      const current = ep.trafficSplit ?? {};
      const [op] = await client.deployModel({
        endpoint,
        deployedModel: { model, displayName: name, dedicatedResources: { machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, minReplicaCount: 1, maxReplicaCount: 2 } },
        trafficSplit: { ...current, '0': 0 },
      });
      const resumed = await client.checkDeployModelProgress(String(op.name));
      const [res] = await resumed.promise();
      assert.equal(res.deployedModel?.displayName, name);
      assert.equal(res.deployedModel?.dedicatedResources?.maxReplicaCount, 2);
      await client.close();
    }
  });

  it('gcloud ai endpoints delete refuses while models are deployed', async () => {
    const r = await gcloud.run(['ai', 'endpoints', 'delete', endpointId, '--region=us-central1'], { json: false });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR: \(gcloud\.ai\.endpoints\.delete\) FAILED_PRECONDITION: Endpoint `projects\/\d+\/locations\/us-central1\/endpoints\/\d+` has deployed models/);
  });

  it('undeploys with gcloud and Node, then gcloud deletes the endpoint', async () => {
    const client = new v1.EndpointServiceClient(grpcOpts);
    const [ep] = await client.getEndpoint({ name: endpoint });
    const others = (ep.deployedModels ?? []).map((d) => String(d.id)).filter((id) => id !== deployedId);
    assert.equal(others.length, 2);
    const r = await gcloud.run(['ai', 'endpoints', 'undeploy-model', endpointId, '--region=us-central1', `--deployed-model-id=${deployedId}`, `--traffic-split=${others[0]}=100`], { json: false });
    assert.equal(r.code, 0, r.stderr);
    for (const id of [others[1], others[0]]) {
      const [op] = await client.undeployModel({ endpoint, deployedModelId: id });
      await op.promise();
    }
    const del = await gcloud.run(['ai', 'endpoints', 'delete', endpointId, '--region=us-central1'], { json: false });
    assert.equal(del.code, 0, del.stderr);
    await assert.rejects(client.getEndpoint({ name: endpoint }), (e: { code?: number }) => e.code === grpc.status.NOT_FOUND);
    await client.close();
  });
});
