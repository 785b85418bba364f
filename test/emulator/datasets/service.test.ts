import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../core/json';
import { call, finish, isStatus, newEmulator } from '../models/call-helpers';
import { createBucket, putObject } from '../storage/objects';
import { metadataSchemaUri } from './schemas';
import { registerDatasetService } from './service';

const emu = newEmulator(registerDatasetService);
after(() => emu.stop());
const parent = 'projects/p1/locations/us-central1';
const imageImport = 'gs://google-cloud-aiplatform/schema/dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml';
createBucket(emu.store, 'p1', 'data');
putObject(emu.store, 'data', 'flowers/import.csv', 'gs://data/a.jpg,daisy\ngs://data/b.jpg,rose\n\ngs://data/c.jpg,tulip\n');
putObject(emu.store, 'data', 'flowers/more.jsonl', '{"imageGcsUri":"gs://data/d.jpg"}\n{"imageGcsUri":"gs://data/e.jpg"}\n');

describe('DatasetService', () => {
  let image = '';

  it('creates datasets for the documented metadata schemas only', async () => {
    const op = await call(emu, 'DatasetService.CreateDataset', { parent, dataset: { displayName: 'flowers', metadataSchemaUri: metadataSchemaUri('image') } });
    assert.match(String(op.name), /\/datasets\/\d+\/operations\/\d+$/);
    const ds = await finish(emu, op);
    image = String(ds.name);
    assert.equal(ds['@type'], 'type.googleapis.com/google.cloud.aiplatform.v1.Dataset');
    assert.equal(ds.dataItemCount, undefined);
    await assert.rejects(
      call(emu, 'DatasetService.CreateDataset', { parent, dataset: { displayName: 'x', metadataSchemaUri: 'gs://nope/schema.yaml' } }),
      isStatus('INVALID_ARGUMENT', /metadata_schema_uri/),
    );
    await assert.rejects(call(emu, 'DatasetService.CreateDataset', { parent, dataset: {} }), isStatus('INVALID_ARGUMENT', /^List of found errors:\t1\.Field: dataset\.display_name/));
  });

  it('imports data items from gs:// files, counting one per line', async () => {
    const importConfigs = [{ gcsSource: { uris: ['gs://data/flowers/import.csv', 'gs://data/flowers/more.jsonl'] }, importSchemaUri: imageImport }];
    const res = await finish(emu, await call(emu, 'DatasetService.ImportData', { name: image, importConfigs }));
    assert.equal(res['@type'], 'type.googleapis.com/google.cloud.aiplatform.v1.ImportDataResponse');
    assert.equal((await call(emu, 'DatasetService.GetDataset', { name: image })).dataItemCount, '5');
    await finish(emu, await call(emu, 'DatasetService.ImportData', { name: image, importConfigs: [{ gcsSource: { uris: ['gs://data/flowers/import.csv'] }, importSchemaUri: imageImport }] }));
    assert.equal((await call(emu, 'DatasetService.GetDataset', { name: image })).dataItemCount, '8');
  });

  it('refuses imports that cannot work', async () => {
    const textSchema = 'gs://google-cloud-aiplatform/schema/dataset/ioformat/text_classification_single_label_io_format_1.0.0.yaml';
    await assert.rejects(call(emu, 'DatasetService.ImportData', { name: image, importConfigs: [{ gcsSource: { uris: ['gs://data/flowers/import.csv'] }, importSchemaUri: textSchema }] }), isStatus('INVALID_ARGUMENT', /import_schema_uri/));
    await assert.rejects(call(emu, 'DatasetService.ImportData', { name: image, importConfigs: [{ gcsSource: { uris: ['gs://data/missing.csv'] }, importSchemaUri: imageImport }] }), isStatus('INVALID_ARGUMENT', /missing\.csv/));
    await assert.rejects(call(emu, 'DatasetService.ImportData', { name: image, importConfigs: [] }), isStatus('INVALID_ARGUMENT', /import_configs/));
    const tabular = String((await finish(emu, await call(emu, 'DatasetService.CreateDataset', { parent, dataset: { displayName: 'tab', metadataSchemaUri: metadataSchemaUri('tabular') } }))).name);
    await assert.rejects(call(emu, 'DatasetService.ImportData', { name: tabular, importConfigs: [{ gcsSource: { uris: ['gs://data/flowers/import.csv'] }, importSchemaUri: imageImport }] }), isStatus('FAILED_PRECONDITION'));
  });

  it('lists with filter and deletes as an operation', async () => {
    const listed = await call(emu, 'DatasetService.ListDatasets', { parent, filter: 'display_name="flowers"' });
    assert.deepEqual((listed.datasets as JsonObject[]).map((d) => d.name), [image]);
    assert.equal(((await call(emu, 'DatasetService.ListDatasets', { parent })).datasets as JsonObject[]).length, 2);
    const op = await call(emu, 'DatasetService.DeleteDataset', { name: image });
    assert.match(String(op.name), /^projects\/\d+\/locations\/us-central1\/operations\/\d+$/);
    await finish(emu, op);
    await assert.rejects(call(emu, 'DatasetService.GetDataset', { name: image }), isStatus('NOT_FOUND'));
  });
});
