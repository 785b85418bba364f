export type JobKind = 'customJob' | 'hpTuningJob' | 'trainingPipeline' | 'pipelineJob';

/** A job's state without its enum's prefix, grouped as the views show them. */
export type StateCategory = 'queued' | 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelling' | 'cancelled' | 'paused' | 'unknown';

export interface WorkerPool {
  /** Position: 0 primary, 1 workers, 2 parameter servers / reduction server, 3 evaluators. */
  index: number;
  replicaCount: number;
  /** The MachineSpec as the API sent it (for hardwareSummary). */
  machineSpec: Record<string, unknown>;
  machineType: string;
  /** Container image, or the executor image of a Python package. */
  image?: string;
  pythonModule?: string;
}

export interface TrialParameter {
  id: string;
  value: string | number | boolean;
}

export interface Trial {
  id: string;
  /** REQUESTED, ACTIVE, STOPPING, SUCCEEDED, INFEASIBLE */
  state: string;
  parameters: TrialParameter[];
  /** The final value of the study's first metric. */
  metric?: number;
}

export interface HpTuningInfo {
  metricId?: string;
  goal?: 'MAXIMIZE' | 'MINIMIZE';
  maxTrialCount?: number;
  parallelTrialCount?: number;
  trials: Trial[];
  /** Id of the best finished trial for the study's first metric. */
  bestTrialId?: string;
}

export interface TrainingJob {
  kind: JobKind;
  name: string;
  id: string;
  displayName: string;
  /** The API's enum name, e.g. JOB_STATE_RUNNING or PIPELINE_STATE_SUCCEEDED. */
  state: string;
  category: StateCategory;
  createTime?: Date;
  startTime?: Date;
  endTime?: Date;
  updateTime?: Date;
  error?: { code: number; message: string };
  labels: Record<string, string>;
  workerPools: WorkerPool[];
  hpTuning?: HpTuningInfo;
}
