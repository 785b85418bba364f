import { failedPrecondition, invalidArgument } from '../core/errors';

const METADATA_PREFIX = 'gs://google-cloud-aiplatform/schema/dataset/metadata/';
const IOFORMAT_PREFIX = 'gs://google-cloud-aiplatform/schema/dataset/ioformat/';

export type DataType = 'image' | 'tabular' | 'text' | 'video' | 'time_series';
const DATA_TYPES: DataType[] = ['image', 'tabular', 'text', 'video', 'time_series'];

/** Data types whose items come in through ImportData; tabular and time series read their source in place. */
const IMPORTABLE: DataType[] = ['image', 'text', 'video'];

export function metadataSchemaUri(type: DataType): string {
  return `${METADATA_PREFIX}${type}_1.0.0.yaml`;
}

/** The data type a Dataset.metadata_schema_uri names; INVALID_ARGUMENT for anything else. */
export function dataTypeOf(schemaUri: string): DataType {
  const type = DATA_TYPES.find((t) => schemaUri === metadataSchemaUri(t));
  if (!type) {
    throw invalidArgument(`Invalid metadata_schema_uri "${schemaUri}". It must be one of: ${DATA_TYPES.map(metadataSchemaUri).join(', ')}.`, [
      { field: 'dataset.metadata_schema_uri', description: 'unsupported schema' },
    ]);
  }
  return type;
}

/**
 * Checks an ImportDataConfig's import_schema_uri against the dataset's data type, e.g.
 * `.../ioformat/image_classification_single_label_io_format_1.0.0.yaml` for image datasets.
 */
export function checkImportSchema(type: DataType, importSchemaUri: string, field: string): void {
  if (!IMPORTABLE.includes(type)) {
    throw failedPrecondition(`ImportData is not supported for ${type} datasets; their data source is set in Dataset.metadata.inputConfig.`);
  }
  const file = importSchemaUri.startsWith(IOFORMAT_PREFIX) ? importSchemaUri.slice(IOFORMAT_PREFIX.length) : '';
  if (!file.startsWith(`${type}_`) || !file.endsWith('.yaml')) {
    throw invalidArgument(`Invalid import_schema_uri "${importSchemaUri}" for a ${type} dataset. Use one of the ${IOFORMAT_PREFIX}${type}_*.yaml schemas.`, [
      { field, description: `not a ${type} import schema` },
    ]);
  }
}

/** Data items an import file describes: one per non-empty line (JSON Lines or CSV). */
export function countImportItems(content: string): number {
  return content.split(/\r?\n/).filter((line) => line.trim() !== '').length;
}
