import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_DATASET_IDS } from '../../emulator/datasets/seed';
import { useDemoEmulator } from './demoEmulator';
import { toApiError } from '../../../src/cloud/apiErrors';
import { datasetType, deleteDataset, getDataset, listDatasets } from '../../../src/cloud/datasets';

test('the data type comes from the metadata schema URI', () => {
  const uri = (file: string) => `gs://google-cloud-aiplatform/schema/dataset/metadata/${file}`;
  assert.equal(datasetType(uri('image_1.0.0.yaml')), 'image');
  assert.equal(datasetType(uri('tabular_1.0.0.yaml')), 'tabular');
  assert.equal(datasetType(uri('text_1.0.0.yaml')), 'text');
  assert.equal(datasetType(uri('video_1.0.0.yaml')), 'video');
  assert.equal(datasetType(uri('time_series_1.0.0.yaml')), 'time series');
  assert.equal(datasetType('gs://elsewhere/schema.yaml'), undefined);
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`datasets over ${transport}`, () => {
    const datasetName = (id: string) => `projects/demo-project/locations/us-central1/datasets/${id}`;
    const demo = useDemoEmulator(transport);

    test('lists datasets newest first with type, item count and create time', async () => {
      const page = await listDatasets(demo.clients);
      assert.deepEqual(
        page.items.map((d) => [d.displayName, d.dataType, d.itemCount]),
        [['customer-churn', 'tabular', undefined], ['flowers-images', 'image', 3670]],
      );
      assert.equal(page.items[1].id, DEMO_DATASET_IDS.flowers);
      assert.ok(page.items[0].createTime && page.items[1].createTime && page.items[0].createTime > page.items[1].createTime);
      assert.equal(page.nextPageToken, undefined);
    });

    test('pages with a token and filters by display name', async () => {
      const first = await listDatasets(demo.clients, { pageSize: 1 });
      assert.deepEqual(first.items.map((d) => d.displayName), ['customer-churn']);
      const second = await listDatasets(demo.clients, { pageSize: 1, pageToken: first.nextPageToken });
      assert.deepEqual(second.items.map((d) => d.displayName), ['flowers-images']);
      assert.equal(second.nextPageToken, undefined);
      const filtered = await listDatasets(demo.clients, { filter: 'display_name:"*flowers*"' });
      assert.deepEqual(filtered.items.map((d) => d.displayName), ['flowers-images']);
    });

    test('deletes a dataset and waits for the operation', async () => {
      await deleteDataset(demo.clients, datasetName(DEMO_DATASET_IDS.churn));
      await assert.rejects(getDataset(demo.clients, datasetName(DEMO_DATASET_IDS.churn)), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
      assert.deepEqual((await listDatasets(demo.clients)).items.map((d) => d.displayName), ['flowers-images']);
    });

    test('deleting a missing dataset is NOT_FOUND', async () => {
      await assert.rejects(deleteDataset(demo.clients, datasetName('1')), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
    });
  });
}
