// Vertex AI managed datasets.
import type { protos } from '@google-cloud/aiplatform';
import { readInt } from '../jobs/proto-json-values';
import { locationName } from './connection';
import type { ListOptions, ResourcePage } from './listPage';
import { pageRequest, readLabels, readTimestamp, text, toPage } from './listPage';
import { resourceId } from './resourceNames';
import type { VertexClients } from './vertexClients';

type ApiDataset = protos.google.cloud.aiplatform.v1.IDataset;

export interface Dataset {
  name: string;
  id: string;
  displayName: string;
  description: string;
  /** From metadataSchemaUri: `image`, `tabular`, `text`, `video`, `time series`, … or undefined when unknown. */
  dataType?: string;
  metadataSchemaUri: string;
  /** Absent when the API does not count items (tabular and time series datasets read their source in place). */
  itemCount?: number;
  createTime?: Date;
  updateTime?: Date;
  labels: Record<string, string>;
}

// gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml
const METADATA_SCHEMA = /\/schema\/dataset\/metadata\/([a-z_]+?)_\d+\.\d+\.\d+\.yaml$/;

export function datasetType(metadataSchemaUri: string): string | undefined {
  return METADATA_SCHEMA.exec(metadataSchemaUri)?.[1].replace(/_/g, ' ');
}

export function readDataset(dataset: ApiDataset): Dataset {
  const name = text(dataset.name);
  const metadataSchemaUri = text(dataset.metadataSchemaUri);
  const count = readInt(dataset.dataItemCount === null || dataset.dataItemCount === undefined ? undefined : String(dataset.dataItemCount));
  return {
    name,
    id: resourceId(name),
    displayName: text(dataset.displayName) || resourceId(name),
    description: text(dataset.description),
    dataType: datasetType(metadataSchemaUri),
    metadataSchemaUri,
    // proto3 leaves a zero count out, so 0 and "not counted" look alike: only an image, text or
    // video dataset (the importable kinds) can be said to hold 0 items.
    itemCount: count ? count : /^(image|text|video)$/.test(datasetType(metadataSchemaUri) ?? '') ? 0 : undefined,
    createTime: readTimestamp(dataset.createTime),
    updateTime: readTimestamp(dataset.updateTime),
    labels: readLabels(dataset.labels),
  };
}

/** One page of the location's datasets, newest first. */
export async function listDatasets(clients: VertexClients, options: ListOptions = {}): Promise<ResourcePage<Dataset>> {
  const [items, , raw] = await clients.datasets().listDatasets({ parent: locationName(clients.connection), ...pageRequest(options) }, { autoPaginate: false });
  return toPage(items, raw, readDataset);
}

export async function getDataset(clients: VertexClients, name: string): Promise<Dataset> {
  const [dataset] = await clients.datasets().getDataset({ name });
  return readDataset(dataset);
}

/** Deletes a dataset (its data items and annotations too) and waits for the operation. */
export async function deleteDataset(clients: VertexClients, name: string): Promise<void> {
  const [operation] = await clients.datasets().deleteDataset({ name });
  await operation.promise();
}
