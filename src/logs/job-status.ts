import { getBatchPredictionJob } from '../cloud/batchPrediction';
import { getTrainingJob } from '../cloud/trainingJobs';
import type { TrainingJob } from '../cloud/trainingJobTypes';
import type { VertexClients } from '../cloud/vertexClients';

const TERMINAL = new Set(['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED', 'JOB_STATE_PARTIALLY_SUCCEEDED']);

export function isTerminal(state: string): boolean {
  return TERMINAL.has(state);
}

export interface JobRef {
  name: string;
  kind: 'custom' | 'hpTuning' | 'batchPrediction';
  project: string;
  region: string;
  /** The numeric id Cloud Logging labels the job's entries with. */
  id: string;
}

const JOB_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/(customJobs|hyperparameterTuningJobs|batchPredictionJobs)\/(\d+)$/;

/** A custom or tuning job's resource name (the jobs whose containers log), or undefined for anything else. */
export function parseJobName(name: string): JobRef | undefined {
  const m = JOB_NAME.exec(name);
  if (!m) return undefined;
  return { name, project: m[1], region: m[2], kind: m[3] === 'customJobs' ? 'custom' : m[3] === 'batchPredictionJobs' ? 'batchPrediction' : 'hpTuning', id: m[4] };
}

/** What following a job's log needs to know about the job. */
export interface JobStatus {
  name: string;
  displayName: string;
  /** The API's enum name, e.g. JOB_STATE_RUNNING. */
  state: string;
  /** Milliseconds since the epoch. */
  createTime?: number;
  endTime?: number;
  /** `error.message` of a failed job. */
  error?: string;
  /** `workerpool{i}-{j}` for every replica of the job (of each trial, for tuning jobs). */
  replicas: string[];
}

export function jobStatusOf(job: TrainingJob): JobStatus {
  return {
    name: job.name,
    displayName: job.displayName,
    state: job.state,
    createTime: job.createTime?.getTime(),
    endTime: job.endTime?.getTime(),
    error: job.error?.message || undefined,
    replicas: job.workerPools.flatMap((pool) => Array.from({ length: pool.replicaCount }, (_, j) => `workerpool${pool.index}-${j}`)),
  };
}

export async function getJobStatus(clients: VertexClients, job: JobRef): Promise<JobStatus> {
  // Batch prediction jobs log under ml_job by id too, but have no worker pools to name replicas.
  if (job.kind === 'batchPrediction') return jobStatusOf({ ...(await getBatchPredictionJob(clients, job.name)), kind: 'customJob', workerPools: [] });
  return jobStatusOf(await getTrainingJob(clients, job.name));
}
