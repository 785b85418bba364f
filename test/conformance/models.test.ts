import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/aiplatform';
import { googleAuthLibrary } from 'google-gax';
import type { Emulator } from '../emulator/core/emulator';
import { startEmulator } from '../emulator/server';
import { createBucket, putObject } from '../emulator/storage/objects';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

interface ModelJson {
  name: string;
  displayName: string;
  versionId: string;
  versionAliases?: string[];
  artifactUri?: string;
  containerSpec?: { imageUri: string };
}

const parent = 'projects/demo-project/locations/us-central1';
const sklearn = 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-5:latest';

describe('ModelService with gcloud and the Node clients', () => {
  let emu: Emulator;
  let gcloud: GcloudHarness;
  let grpcModels: v1.ModelServiceClient;
  let restModels: v1.ModelServiceClient;
  let gcloudModel = '';

  before(async () => {
    emu = await startEmulator();
    gcloud = await createGcloudHarness(emu);
    createBucket(emu.store, 'demo-project', 'conf-models');
    putObject(emu.store, 'conf-models', 'sk/v1/model.joblib', 'joblib bytes');
    putObject(emu.store, 'conf-models', 'sk/v2/model.pkl', 'pickle bytes');
    grpcModels = new v1.ModelServiceClient({ apiEndpoint: '127.0.0.1', port: emu.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' });
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'emulator', expiry_date: Date.now() + 3_600_000 });
    restModels = new v1.ModelServiceClient({ fallback: true, protocol: 'http', apiEndpoint: '127.0.0.1', port: emu.port, authClient } as ConstructorParameters<typeof v1.ModelServiceClient>[0]);
  });

  after(async () => {
    await grpcModels?.close();
    await restModels?.close();
    await gcloud?.dispose();
    await emu?.stop();
  });

  it('gcloud ai models upload waits for the operation; the model shows for the Node gRPC client', async () => {
    const r = await gcloud.run(['ai', 'models', 'upload', '--region=us-central1', '--display-name=gcloud-sk', `--container-image-uri=${sklearn}`, '--artifact-uri=gs://conf-models/sk/v1'], { json: false });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Using endpoint \[http:\/\/127\.0\.0\.1:\d+\/\]\nWaiting for operation \[\d+\]\.\.\.\n\.*done\.\n$/);
    const [models] = await grpcModels.listModels({ parent });
    const found = models.find((m) => m.displayName === 'gcloud-sk');
    assert.ok(found, 'the uploaded model is listed');
    gcloudModel = String(found.name);
    assert.match(gcloudModel, /^projects\/\d+\/locations\/us-central1\/models\/\d+$/);
    assert.equal(found.versionId, '1');
    assert.deepEqual(found.versionAliases, ['default']);
    assert.equal(found.artifactUri, 'gs://conf-models/sk/v1');
  });

  it('gcloud --parent-model adds a version that the Node REST client lists', async () => {
    const r = await gcloud.run(
      ['ai', 'models', 'upload', '--region=us-central1', '--display-name=gcloud-sk', `--container-image-uri=${sklearn}`, '--artifact-uri=gs://conf-models/sk/v2', `--parent-model=${gcloudModel}`, '--version-aliases=canary'],
      { json: false },
    );
    assert.equal(r.code, 0, r.stderr);
    const [versions] = await restModels.listModelVersions({ name: gcloudModel });
    assert.deepEqual(versions.map((v) => [v.versionId, v.versionAliases]), [['1', ['default']], ['2', ['canary']]]);
    const [canary] = await restModels.getModel({ name: `${gcloudModel}@canary` });
    assert.equal(canary.artifactUri, 'gs://conf-models/sk/v2');
  });

  it('a model uploaded by the Node REST client shows in gcloud list and describe', async () => {
    const [op] = await restModels.uploadModel({ parent, model: { displayName: 'node-custom', containerSpec: { imageUri: 'us-central1-docker.pkg.dev/demo-project/serving/server:1' }, labels: { from: 'node' } } });
    const [res] = await op.promise();
    const id = String(res.model).split('/').pop();
    const list = await gcloud.run<Array<{ name: string; displayName: string }>>(['ai', 'models', 'list', '--region=us-central1']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(list.json?.map((m) => m.displayName).sort(), ['gcloud-sk', 'node-custom']);
    const described = await gcloud.run<ModelJson & { labels: Record<string, string>; modelSourceInfo: unknown }>(['ai', 'models', 'describe', String(id), '--region=us-central1']);
    assert.equal(described.code, 0, described.stderr);
    assert.equal(described.json?.name, res.model);
    assert.deepEqual(described.json?.labels, { from: 'node' });
    assert.deepEqual(described.json?.modelSourceInfo, { sourceType: 'CUSTOM' });
    assert.equal(described.json?.versionId, '1');
  });

  it('gcloud ai models list prints its table', async () => {
    const r = await gcloud.run(['ai', 'models', 'list', '--region=us-central1', '--sort-by=displayName'], { json: false });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^MODEL_ID\s+DISPLAY_NAME$/);
    assert.match(lines[1], /^\d+\s+gcloud-sk$/);
    assert.match(lines[2], /^\d+\s+node-custom$/);
  });

  it('refuses an artifact directory without the model file, in the API wording', async () => {
    const r = await gcloud.run(['ai', 'models', 'upload', '--region=us-central1', '--display-name=broken', `--container-image-uri=${sklearn}`, '--artifact-uri=gs://conf-models/empty'], { json: false });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR: \(gcloud\.ai\.models\.upload\) INVALID_ARGUMENT: Model directory gs:\/\/conf-models\/empty is expected to contain exactly one of: \[model\.joblib, model\.pkl\]/);
    await assert.rejects(
      grpcModels.uploadModel({ parent, model: { displayName: 'broken', containerSpec: { imageUri: sklearn }, artifactUri: 'gs://conf-models/empty' } }),
      (e: { code?: number; details?: string }) => e.code === grpc.status.INVALID_ARGUMENT && /expected to contain exactly one of/.test(String(e.details)),
    );
  });

  it('gcloud ai models delete removes the model for the Node clients', async () => {
    const r = await gcloud.run(['ai', 'models', 'delete', gcloudModel.split('/').pop() as string, '--region=us-central1'], { json: false });
    assert.equal(r.code, 0, r.stderr);
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await grpcModels.getModel({ name: gcloudModel });
      } catch (e) {
        assert.equal((e as { code?: number }).code, grpc.status.NOT_FOUND);
        break;
      }
      assert.ok(Date.now() < deadline, 'the model was not deleted');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
