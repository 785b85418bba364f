// Vertex AI training jobs as plain objects: custom jobs, hyperparameter tuning jobs, training
// pipelines and pipeline runs. List, get, cancel and delete, whichever the transport.
import { locationName } from './connection';
import type { ListOptions, ResourcePage } from './listPage';
import { pageRequest, toPage } from './listPage';
import type { VertexClients } from './vertexClients';
import { readTrainingJob } from './trainingJobRead';
import type { JobKind, StateCategory, TrainingJob } from './trainingJobTypes';

export const JOB_KINDS: readonly JobKind[] = ['customJob', 'hpTuningJob', 'trainingPipeline', 'pipelineJob'];

const COLLECTION: Record<JobKind, string> = {
  customJob: 'customJobs',
  hpTuningJob: 'hyperparameterTuningJobs',
  trainingPipeline: 'trainingPipelines',
  pipelineJob: 'pipelineJobs',
};

export function jobKindOf(name: string): JobKind | undefined {
  const collection = /\/locations\/[^/]+\/([A-Za-z]+)\/[^/]+$/.exec(name)?.[1];
  return JOB_KINDS.find((k) => COLLECTION[k] === collection);
}

/** Job lists other than pipeline runs have no orderBy: the API lists newest first by itself. */
const NO_ORDER = '';

const STATES_OF: Record<Exclude<StateCategory, 'unknown'>, string[]> = {
  queued: ['QUEUED'],
  pending: ['PENDING'],
  running: ['RUNNING', 'UPDATING'],
  succeeded: ['SUCCEEDED', 'PARTIALLY_SUCCEEDED'],
  failed: ['FAILED', 'EXPIRED'],
  cancelling: ['CANCELLING'],
  cancelled: ['CANCELLED'],
  paused: ['PAUSED'],
};

/** The AIP-160 clause for jobs in a state category, in the enum each kind uses. */
export function stateClause(kind: JobKind, categories: readonly StateCategory[]): string | undefined {
  const prefix = kind === 'trainingPipeline' || kind === 'pipelineJob' ? 'PIPELINE_STATE_' : 'JOB_STATE_';
  const states = categories.flatMap((c) => (c === 'unknown' ? [] : STATES_OF[c]))
    .filter((s) => prefix === 'JOB_STATE_' || !['UPDATING', 'PARTIALLY_SUCCEEDED', 'EXPIRED'].includes(s));
  if (!states.length) return undefined;
  const clauses = states.map((s) => `state="${prefix}${s}"`);
  return clauses.length === 1 ? clauses[0] : `(${clauses.join(' OR ')})`;
}

/** One page of jobs of a kind, newest first, through the client library on the configured transport. */
export async function listTrainingJobs(clients: VertexClients, kind: JobKind, options: ListOptions = {}): Promise<ResourcePage<TrainingJob>> {
  const parent = locationName(clients.connection);
  const opts = { autoPaginate: false } as const;
  const read = (job: unknown) => readTrainingJob(kind, job);
  switch (kind) {
    case 'customJob': {
      const [items, , raw] = await clients.jobs().listCustomJobs({ parent, ...pageRequest(options, NO_ORDER) }, opts);
      return toPage(items, raw, read);
    }
    case 'hpTuningJob': {
      const [items, , raw] = await clients.jobs().listHyperparameterTuningJobs({ parent, ...pageRequest(options, NO_ORDER) }, opts);
      return toPage(items, raw, read);
    }
    case 'trainingPipeline': {
      const [items, , raw] = await clients.pipelines().listTrainingPipelines({ parent, ...pageRequest(options, NO_ORDER) }, opts);
      return toPage(items, raw, read);
    }
    case 'pipelineJob': {
      const [items, , raw] = await clients.pipelines().listPipelineJobs({ parent, ...pageRequest(options) }, opts);
      return toPage(items, raw, read);
    }
  }
}

export async function getTrainingJob(clients: VertexClients, name: string): Promise<TrainingJob> {
  const kind = kindOrThrow(name);
  switch (kind) {
    case 'customJob':
      return readTrainingJob(kind, (await clients.jobs().getCustomJob({ name }))[0]);
    case 'hpTuningJob':
      return readTrainingJob(kind, (await clients.jobs().getHyperparameterTuningJob({ name }))[0]);
    case 'trainingPipeline':
      return readTrainingJob(kind, (await clients.pipelines().getTrainingPipeline({ name }))[0]);
    case 'pipelineJob':
      return readTrainingJob(kind, (await clients.pipelines().getPipelineJob({ name }))[0]);
  }
}

/** Asks the API to cancel; the job then goes through CANCELLING to CANCELLED. */
export async function cancelTrainingJob(clients: VertexClients, name: string): Promise<void> {
  const kind = kindOrThrow(name);
  switch (kind) {
    case 'customJob':
      await clients.jobs().cancelCustomJob({ name });
      return;
    case 'hpTuningJob':
      await clients.jobs().cancelHyperparameterTuningJob({ name });
      return;
    case 'trainingPipeline':
      await clients.pipelines().cancelTrainingPipeline({ name });
      return;
    case 'pipelineJob':
      await clients.pipelines().cancelPipelineJob({ name });
      return;
  }
}

/** Deletes a finished job and waits for the long-running operation to end. */
export async function deleteTrainingJob(clients: VertexClients, name: string): Promise<void> {
  const kind = kindOrThrow(name);
  const [operation] = await (kind === 'customJob'
    ? clients.jobs().deleteCustomJob({ name })
    : kind === 'hpTuningJob'
      ? clients.jobs().deleteHyperparameterTuningJob({ name })
      : kind === 'trainingPipeline'
        ? clients.pipelines().deleteTrainingPipeline({ name })
        : clients.pipelines().deletePipelineJob({ name }));
  await operation.promise();
}

function kindOrThrow(name: string): JobKind {
  const kind = jobKindOf(name);
  if (!kind) throw new Error(`Not a training job name: ${name} (expected .../customJobs/ID, hyperparameterTuningJobs, trainingPipelines or pipelineJobs).`);
  return kind;
}
