// Creating managed datasets and importing data items into them. Image, text and video
// datasets import from Cloud Storage import files; tabular ones read a CSV or BigQuery
// source in place, named when the dataset is created.
import { locationName } from './connection';
import type { Dataset } from './datasets';
import { getDataset, readDataset } from './datasets';
import { InvalidInputError } from './invalidInput';
import { toProtoValue } from './prediction';
import type { VertexClients } from './vertexClients';

export type DatasetType = 'image' | 'tabular' | 'text' | 'video';
export const DATASET_TYPES: readonly DatasetType[] = ['image', 'tabular', 'text', 'video'];

const SCHEMA = 'gs://google-cloud-aiplatform/schema/dataset';

/** Import formats per data type; the first is the default. */
export const IMPORT_FORMATS: Record<Exclude<DatasetType, 'tabular'>, readonly string[]> = {
  image: ['image_classification_single_label', 'image_classification_multi_label', 'image_bounding_box'],
  text: ['text_classification_single_label', 'text_classification_multi_label', 'text_extraction', 'text_sentiment'],
  video: ['video_classification', 'video_object_tracking', 'video_action_recognition'],
};

export function metadataSchemaUri(type: DatasetType): string {
  return `${SCHEMA}/metadata/${type}_1.0.0.yaml`;
}

export function importSchemaUri(format: string): string {
  return `${SCHEMA}/ioformat/${format}_io_format_1.0.0.yaml`;
}

export interface CreateDatasetInput {
  displayName: string;
  type: DatasetType;
  /** gs:// import files (or CSV sources for tabular), or one bq://project.dataset.table for tabular. */
  source?: string[];
  /** For image, text and video: one of IMPORT_FORMATS[type]; the first when absent. */
  importFormat?: string;
}

const GCS_FILE = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]\/.+$/;
const BQ_TABLE = /^bq:\/\/[a-z][a-z0-9-]{4,28}[a-z0-9]\.\w+\.[\w$-]+$/i;

function checkGcsFiles(uris: readonly string[]): void {
  for (const uri of uris) if (!GCS_FILE.test(uri)) throw new InvalidInputError(`${uri} is not a Cloud Storage file: write gs://bucket/path/file.`);
}

/** The import format for a type, checked; tabular datasets have none. */
export function importFormatFor(type: DatasetType, format: string | undefined): string {
  if (type === 'tabular') throw new InvalidInputError('Tabular datasets do not import data items: they read their CSV or BigQuery source in place. Create a new dataset for another source.');
  const formats = IMPORT_FORMATS[type];
  if (format === undefined) return formats[0];
  if (!formats.includes(format)) throw new InvalidInputError(`${format} is not an import format of ${type} datasets. Use one of: ${formats.join(', ')}.`);
  return format;
}

/** The tabular dataset's `metadata.inputConfig`, from CSV files or one BigQuery table. */
export function tabularMetadata(source: readonly string[]): Record<string, unknown> {
  if (source.length === 1 && source[0].startsWith('bq://')) {
    if (!BQ_TABLE.test(source[0])) throw new InvalidInputError(`${source[0]} is not a BigQuery table: write bq://project.dataset.table.`);
    return { inputConfig: { bigquerySource: { uri: source[0] } } };
  }
  checkGcsFiles(source);
  return { inputConfig: { gcsSource: { uri: [...source] } } };
}

/** Creates the dataset and, for image/text/video with a source, imports it. Waits for both operations. */
export async function createDataset(clients: VertexClients, input: CreateDatasetInput): Promise<Dataset> {
  const displayName = input.displayName.trim();
  if (!displayName) throw new InvalidInputError('Give the dataset a name.');
  if (!DATASET_TYPES.includes(input.type)) throw new InvalidInputError(`${String(input.type)} is not a dataset type: use image, tabular, text or video.`);
  const source = input.source ?? [];
  const dataset: Record<string, unknown> = { displayName, metadataSchemaUri: metadataSchemaUri(input.type) };
  if (input.type === 'tabular') {
    if (source.length === 0) throw new InvalidInputError('A tabular dataset needs its source: gs:// CSV files or a bq://project.dataset.table.');
    dataset.metadata = toProtoValue(tabularMetadata(source));
  } else if (source.length) {
    if (source.some((s) => s.startsWith('bq://'))) throw new InvalidInputError(`${input.type} datasets import from Cloud Storage import files (gs://…), not from BigQuery.`);
    checkGcsFiles(source);
  }
  const format = input.type === 'tabular' ? undefined : importFormatFor(input.type, input.importFormat);
  const [operation] = await clients.datasets().createDataset({ parent: locationName(clients.connection), dataset });
  const [created] = await operation.promise();
  const result = readDataset(created);
  if (format && source.length) return importData(clients, result.name, source, format);
  return result;
}

/** Imports more data items from gs:// import files, waits for the operation, and reads the dataset again. */
export async function importData(clients: VertexClients, datasetName: string, source: readonly string[], format: string): Promise<Dataset> {
  if (source.length === 0) throw new InvalidInputError('Give the import files: gs://bucket/path/file.jsonl or .csv.');
  checkGcsFiles(source);
  const [operation] = await clients.datasets().importData({
    name: datasetName,
    importConfigs: [{ gcsSource: { uris: [...source] }, importSchemaUri: importSchemaUri(format) }],
  });
  await operation.promise();
  return getDataset(clients, datasetName);
}
