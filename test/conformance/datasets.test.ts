import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/aiplatform';
import { Storage } from '@google-cloud/storage';
import { googleAuthLibrary } from 'google-gax';
import type { Emulator } from '../emulator/core/emulator';
import { startEmulator } from '../emulator/server';

const parent = 'projects/demo-project/locations/us-central1';
const IMAGE_SCHEMA = 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml';
const IMAGE_IMPORT = 'gs://google-cloud-aiplatform/schema/dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml';
type ClientOptions = ConstructorParameters<typeof v1.DatasetServiceClient>[0];

describe('DatasetService with the Node clients (gcloud has no datasets commands)', () => {
  let emu: Emulator;
  let grpcDatasets: v1.DatasetServiceClient;
  let restDatasets: v1.DatasetServiceClient;
  let dataset = '';

  before(async () => {
    emu = await startEmulator();
    grpcDatasets = new v1.DatasetServiceClient({ apiEndpoint: '127.0.0.1', port: emu.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' });
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'emulator', expiry_date: Date.now() + 3_600_000 });
    restDatasets = new v1.DatasetServiceClient({ fallback: true, protocol: 'http', apiEndpoint: '127.0.0.1', port: emu.port, authClient } as ClientOptions);
    const storage = new Storage({ apiEndpoint: emu.url, projectId: 'demo-project' });
    const [bucket] = await storage.createBucket('conf-datasets');
    await bucket.file('flowers/import.csv').save('gs://conf-datasets/a.jpg,daisy\ngs://conf-datasets/b.jpg,rose\ngs://conf-datasets/c.jpg,tulip\n', { resumable: false });
  });

  after(async () => {
    await grpcDatasets?.close();
    await restDatasets?.close();
    await emu?.stop();
  });

  it('creates a dataset over gRPC, resuming the operation by name, and reads it over REST', async () => {
    const [op] = await grpcDatasets.createDataset({ parent, dataset: { displayName: 'conf-flowers', metadataSchemaUri: IMAGE_SCHEMA, labels: { suite: 'conformance' } } });
    assert.match(String(op.name), /^projects\/\d+\/locations\/us-central1\/datasets\/\d+\/operations\/\d+$/);
    const [created] = await (await grpcDatasets.checkCreateDatasetProgress(String(op.name))).promise();
    dataset = String(created.name);
    const [got] = await restDatasets.getDataset({ name: dataset });
    assert.equal(got.displayName, 'conf-flowers');
    assert.equal(got.metadataSchemaUri, IMAGE_SCHEMA);
    assert.deepEqual(got.labels, { suite: 'conformance' });
  });

  it('imports data items from a file uploaded with @google-cloud/storage', async () => {
    const [op] = await restDatasets.importData({ name: dataset, importConfigs: [{ gcsSource: { uris: ['gs://conf-datasets/flowers/import.csv'] }, importSchemaUri: IMAGE_IMPORT }] });
    await op.promise();
    const [got] = await grpcDatasets.getDataset({ name: dataset });
    assert.equal(String(got.dataItemCount), '3');
  });

  it('answers INVALID_ARGUMENT with field violations on both transports', async () => {
    const request = { parent, dataset: { metadataSchemaUri: IMAGE_SCHEMA } };
    await assert.rejects(grpcDatasets.createDataset(request), (e: { code?: number; details?: string }) => {
      assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
      assert.equal(e.details, 'List of found errors:\t1.Field: dataset.display_name; Message: Required field is not set.\t');
      return true;
    });
    // With an authClient the REST fallback surfaces the HTTP error (a GaxiosError) carrying the API's error body.
    await assert.rejects(restDatasets.createDataset(request), (e: { code?: number; message?: string }) => {
      assert.equal(e.code, 400);
      const body = JSON.parse(String(e.message)) as { error: { status: string; details: Array<{ fieldViolations?: Array<{ field: string }> }> } };
      assert.equal(body.error.status, 'INVALID_ARGUMENT');
      assert.deepEqual(body.error.details[0].fieldViolations?.map((v) => v.field), ['dataset.display_name']);
      return true;
    });
  });

  it('lists with a filter, then deletes; the dataset is gone for both clients', async () => {
    const [listed] = await restDatasets.listDatasets({ parent, filter: 'labels.suite=conformance' });
    assert.deepEqual(listed.map((d) => d.name), [dataset]);
    const [op] = await restDatasets.deleteDataset({ name: dataset });
    await op.promise();
    await assert.rejects(grpcDatasets.getDataset({ name: dataset }), (e: { code?: number }) => e.code === grpc.status.NOT_FOUND);
    const [after] = await grpcDatasets.listDatasets({ parent });
    assert.equal(after.length, 0);
  });
});
