// Batch prediction jobs: create one from a model, input in Cloud Storage (JSON Lines or CSV)
// or BigQuery, output under a Cloud Storage prefix or into a BigQuery dataset; list, read,
// cancel and delete.
import type { protos } from '@google-cloud/aiplatform';
import { isRecord, readInt } from '../jobs/proto-json-values';
import { locationName } from './connection';
import type { ListOptions, ResourcePage } from './listPage';
import { pageRequest, text, toPage } from './listPage';
import { InvalidInputError } from './invalidInput';
import { checkRegion } from './prediction';
import { readTrainingJob } from './trainingJobRead';
import type { TrainingJob } from './trainingJobTypes';
import type { VertexClients } from './vertexClients';

type ApiBatchJob = protos.google.cloud.aiplatform.v1.IBatchPredictionJob;

export interface BatchPredictionInput {
  displayName: string;
  /** `projects/p/locations/l/models/ID`, optionally `@version`. */
  model: string;
  /** gs:// files (`.jsonl` or `.csv`, one format for all) or one `bq://project.dataset.table`. */
  source: string[];
  /** `gs://bucket/prefix` or `bq://project[.dataset]`. */
  outputPrefix: string;
  /** Dedicated machines; without it, Vertex AI's default for the model. */
  machineType?: string;
  replicaCount?: number;
  labels?: Record<string, string>;
}

export type BatchPredictionJob = Omit<TrainingJob, 'kind' | 'workerPools' | 'hpTuning'> & {
  model: string;
  modelVersionId?: string;
  /** Where the predictions went (gs:// directory or BigQuery dataset), once known. */
  outputLocation?: string;
  successfulCount?: number;
  failedCount?: number;
};

const GCS = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/.*)?$/;
const BQ_TABLE = /^bq:\/\/[a-z][a-z0-9-]{4,28}[a-z0-9]\.\w{1,1024}\.[\w$-]{1,1024}$/i;
const BQ_OUTPUT = /^bq:\/\/[a-z][a-z0-9-]{4,28}[a-z0-9](\.\w{1,1024})?$/i;

function instancesFormat(source: string[]): string {
  if (source.length === 0) throw new InvalidInputError('Give the input: gs:// JSON Lines or CSV files, or a bq://project.dataset.table.');
  if (source.length === 1 && source[0].startsWith('bq://')) {
    if (!BQ_TABLE.test(source[0])) throw new InvalidInputError(`${source[0]} is not a BigQuery table: write bq://project.dataset.table.`);
    return 'bigquery';
  }
  const formats = new Set(
    source.map((uri) => {
      if (!GCS.test(uri)) throw new InvalidInputError(`${uri} is not a Cloud Storage file (gs://bucket/path) or a single BigQuery table (bq://project.dataset.table).`);
      if (/\.jsonl?$/i.test(uri)) return 'jsonl';
      if (/\.csv$/i.test(uri)) return 'csv';
      throw new InvalidInputError(`${uri}: batch prediction reads JSON Lines (.jsonl) or CSV (.csv) files.`);
    }),
  );
  if (formats.size > 1) throw new InvalidInputError('The input files mix JSON Lines and CSV: one batch prediction job reads one format.');
  return [...formats][0];
}

/** The BatchPredictionJob a create request sends; InvalidInputError names the bad input. */
export function batchPredictionRequest(input: BatchPredictionInput, region: string): ApiBatchJob {
  if (!input.displayName.trim()) throw new InvalidInputError('Give the batch prediction job a name.');
  if (!/^projects\/[^/]+\/locations\/[^/]+\/models\/[^/]+$/.test(input.model)) throw new InvalidInputError(`${input.model} is not a model resource name (projects/…/locations/…/models/ID).`);
  checkRegion(input.model, region, 'model');
  const format = instancesFormat(input.source);
  const inputConfig: ApiBatchJob['inputConfig'] = format === 'bigquery' ? { instancesFormat: format, bigquerySource: { inputUri: input.source[0] } } : { instancesFormat: format, gcsSource: { uris: input.source } };
  let outputConfig: ApiBatchJob['outputConfig'];
  if (input.outputPrefix.startsWith('bq://')) {
    if (!BQ_OUTPUT.test(input.outputPrefix)) throw new InvalidInputError(`${input.outputPrefix} is not a BigQuery output: write bq://project or bq://project.dataset.`);
    outputConfig = { predictionsFormat: 'bigquery', bigqueryDestination: { outputUri: input.outputPrefix } };
  } else {
    if (!GCS.test(input.outputPrefix)) throw new InvalidInputError(`${input.outputPrefix} is not a Cloud Storage prefix (gs://bucket/path) or a BigQuery destination (bq://project.dataset).`);
    outputConfig = { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: input.outputPrefix } };
  }
  const job: ApiBatchJob = { displayName: input.displayName.trim(), model: input.model, inputConfig, outputConfig };
  if (input.labels && Object.keys(input.labels).length > 0) job.labels = { ...input.labels };
  if (input.machineType) {
    job.dedicatedResources = { machineSpec: { machineType: input.machineType }, startingReplicaCount: input.replicaCount ?? 1, maxReplicaCount: input.replicaCount ?? 1 };
  }
  return job;
}

export function readBatchPredictionJob(value: unknown): BatchPredictionJob {
  const raw = isRecord(value) ? value : {};
  const { kind: _kind, workerPools: _pools, hpTuning: _hp, ...common } = readTrainingJob('customJob', raw);
  const job: BatchPredictionJob = { ...common, model: text(raw.model) };
  if (text(raw.modelVersionId)) job.modelVersionId = text(raw.modelVersionId);
  const output = isRecord(raw.outputInfo) ? raw.outputInfo : {};
  const location = text(output.gcsOutputDirectory) || text(output.bigqueryOutputDataset);
  if (location) job.outputLocation = location;
  const stats = isRecord(raw.completionStats) ? raw.completionStats : undefined;
  if (stats) {
    job.successfulCount = readInt(stats.successfulCount) ?? 0;
    job.failedCount = readInt(stats.failedCount) ?? 0;
  }
  return job;
}

export async function createBatchPredictionJob(clients: VertexClients, input: BatchPredictionInput): Promise<BatchPredictionJob> {
  const batchPredictionJob = batchPredictionRequest(input, clients.connection.region);
  const [job] = await clients.jobs().createBatchPredictionJob({ parent: locationName(clients.connection), batchPredictionJob });
  return readBatchPredictionJob(job);
}

/** One page of batch prediction jobs, newest first (the API's own order). */
export async function listBatchPredictionJobs(clients: VertexClients, options: ListOptions = {}): Promise<ResourcePage<BatchPredictionJob>> {
  const [items, , raw] = await clients.jobs().listBatchPredictionJobs({ parent: locationName(clients.connection), ...pageRequest(options, '') }, { autoPaginate: false });
  return toPage(items, raw, readBatchPredictionJob);
}

export async function getBatchPredictionJob(clients: VertexClients, name: string): Promise<BatchPredictionJob> {
  const [job] = await clients.jobs().getBatchPredictionJob({ name });
  return readBatchPredictionJob(job);
}

/** Asks Vertex AI to stop a job; it goes through CANCELLING to CANCELLED. */
export async function cancelBatchPredictionJob(clients: VertexClients, name: string): Promise<void> {
  await clients.jobs().cancelBatchPredictionJob({ name });
}

/** Deletes a finished job and waits for the long-running operation to end. */
export async function deleteBatchPredictionJob(clients: VertexClients, name: string): Promise<void> {
  const [operation] = await clients.jobs().deleteBatchPredictionJob({ name });
  await operation.promise();
}
