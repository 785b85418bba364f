import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBucket, putObject } from '../../emulator/storage/objects';
import { useDemoEmulator } from './demoEmulator';
import { toApiError } from '../../../src/cloud/apiErrors';
import { createDataset, importData, importFormatFor, importSchemaUri, tabularMetadata } from '../../../src/cloud/datasetImport';
import { getDataset } from '../../../src/cloud/datasets';

describe('dataset sources', () => {
  test('tabular datasets name CSV files or one BigQuery table in their metadata', () => {
    assert.deepEqual(tabularMetadata(['gs://data-in/a.csv']), { inputConfig: { gcsSource: { uri: ['gs://data-in/a.csv'] } } });
    assert.deepEqual(tabularMetadata(['bq://my-project.sales.rows']), { inputConfig: { bigquerySource: { uri: 'bq://my-project.sales.rows' } } });
    assert.throws(() => tabularMetadata(['bq://my-project.sales']), /is not a BigQuery table/);
    assert.throws(() => tabularMetadata(['data/a.csv']), /is not a Cloud Storage file/);
  });

  test('import formats belong to their data type', () => {
    assert.equal(importFormatFor('image', undefined), 'image_classification_single_label');
    assert.equal(importSchemaUri(importFormatFor('video', 'video_object_tracking')), 'gs://google-cloud-aiplatform/schema/dataset/ioformat/video_object_tracking_io_format_1.0.0.yaml');
    assert.throws(() => importFormatFor('text', 'image_bounding_box'), /is not an import format of text datasets/);
    assert.throws(() => importFormatFor('tabular', undefined), /Tabular datasets do not import/);
  });
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`creating and importing datasets over ${transport}`, () => {
    const demo = useDemoEmulator(transport, async (emu) => {
      createBucket(emu.store, 'demo-project', 'data-in');
      putObject(emu.store, 'data-in', 'flowers.csv', 'gs://data-in/a.jpg,daisy\ngs://data-in/b.jpg,rose\n');
      putObject(emu.store, 'data-in', 'more.jsonl', '{"imageGcsUri":"gs://data-in/c.jpg"}\n');
    });

    test('an image dataset is created from an import file, then more data is imported', async () => {
      const created = await createDataset(demo.clients, { displayName: 'pets', type: 'image', source: ['gs://data-in/flowers.csv'] });
      assert.equal(created.dataType, 'image');
      assert.equal(created.itemCount, 2);
      const more = await importData(demo.clients, created.name, ['gs://data-in/more.jsonl'], 'image_classification_single_label');
      assert.equal(more.itemCount, 3);
    });

    test('a tabular dataset keeps its BigQuery source; a missing import file fails as the API says', async () => {
      const tabular = await createDataset(demo.clients, { displayName: 'sales', type: 'tabular', source: ['bq://demo-project.sales.rows'] });
      assert.equal((await getDataset(demo.clients, tabular.name)).dataType, 'tabular');
      const text = await createDataset(demo.clients, { displayName: 'reviews', type: 'text' });
      await assert.rejects(importData(demo.clients, text.name, ['gs://data-in/none.jsonl'], 'text_sentiment'), (err: unknown) => {
        assert.equal(toApiError(err)?.status, 'INVALID_ARGUMENT');
        assert.match(toApiError(err)?.message ?? '', /gs:\/\/data-in\/none\.jsonl does not exist/);
        return true;
      });
      await assert.rejects(createDataset(demo.clients, { displayName: 'clips', type: 'video', source: ['bq://demo-project.v.t'] }), /not from BigQuery/);
    });
  });
}
