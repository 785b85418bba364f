import type { Emulator } from '../core/emulator';
import { DEMO_BUCKET, demoLocation, hoursAgo } from '../models/seed';
import { metadataSchemaUri } from './schemas';
import { DATASETS, putDataset } from './service';

export const DEMO_DATASET_IDS = { flowers: '6601000000000000001', churn: '6601000000000000002' };

/** An image dataset with imported items and a tabular one in demo-project / us-central1. */
export function seedDatasets(emu: Emulator): void {
  const location = demoLocation(emu);
  const flowers = `${location}/datasets/${DEMO_DATASET_IDS.flowers}`;
  if (emu.store.collection(DATASETS).has(flowers)) return;
  putDataset(
    emu.store,
    {
      name: flowers,
      displayName: 'flowers-images',
      metadataSchemaUri: metadataSchemaUri('image'),
      metadata: {},
      dataItemCount: '3670',
      labels: { team: 'vision' },
      createTime: hoursAgo(emu, 24 * 30),
      metadataArtifact: `${location}/metadataStores/default/artifacts/${DEMO_DATASET_IDS.flowers}`,
    },
    hoursAgo(emu, 24 * 21),
  );
  const churn = `${location}/datasets/${DEMO_DATASET_IDS.churn}`;
  putDataset(
    emu.store,
    {
      name: churn,
      displayName: 'customer-churn',
      metadataSchemaUri: metadataSchemaUri('tabular'),
      metadata: { inputConfig: { gcsSource: { uri: [`gs://${DEMO_BUCKET}/data/churn/customers.csv`] } } },
      labels: { team: 'growth' },
      createTime: hoursAgo(emu, 24 * 6),
      metadataArtifact: `${location}/metadataStores/default/artifacts/${DEMO_DATASET_IDS.churn}`,
    },
    hoursAgo(emu, 24 * 6),
  );
}
