// Reads a job as either transport delivers it (gRPC: Timestamps as {seconds, nanos}, Values as
// {structValue: ...}; REST: the same after gax decodes, with enums possibly numbers).
import { isRecord, readInt } from '../jobs/proto-json-values';
import { readLabels, readTimestamp, text } from './listPage';
import { resourceId } from './resourceNames';
import type { HpTuningInfo, JobKind, StateCategory, TrainingJob, Trial, WorkerPool } from './trainingJobTypes';

const STATE_NAMES = ['UNSPECIFIED', 'QUEUED', 'PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLING', 'CANCELLED', 'PAUSED', 'EXPIRED', 'UPDATING', 'PARTIALLY_SUCCEEDED'];
const TRIAL_STATES = ['STATE_UNSPECIFIED', 'REQUESTED', 'ACTIVE', 'STOPPING', 'SUCCEEDED', 'INFEASIBLE'];

const CATEGORY: Record<string, StateCategory> = {
  QUEUED: 'queued',
  PENDING: 'pending',
  RUNNING: 'running',
  UPDATING: 'running',
  SUCCEEDED: 'succeeded',
  PARTIALLY_SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  EXPIRED: 'failed',
  CANCELLING: 'cancelling',
  CANCELLED: 'cancelled',
  PAUSED: 'paused',
};

function enumName(value: unknown, names: readonly string[], prefix: string): string {
  if (typeof value === 'number') return `${prefix}${names[value] ?? 'UNSPECIFIED'}`;
  return typeof value === 'string' && value ? value : `${prefix}UNSPECIFIED`;
}

export function stateCategory(state: string): StateCategory {
  return CATEGORY[state.replace(/^(JOB_STATE_|PIPELINE_STATE_)/, '')] ?? 'unknown';
}

/** google.protobuf.Value (as gRPC decodes it) or plain JSON, as plain JSON. */
export function plainValue(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if ('structValue' in value && isRecord(value.structValue)) {
    const fields = isRecord(value.structValue.fields) ? value.structValue.fields : {};
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, plainValue(v)]));
  }
  if ('listValue' in value && isRecord(value.listValue)) return (Array.isArray(value.listValue.values) ? value.listValue.values : []).map(plainValue);
  for (const k of ['stringValue', 'numberValue', 'boolValue'] as const) if (k in value && value[k] !== null && value[k] !== undefined) return value[k];
  if ('nullValue' in value) return null;
  return value;
}

/** The MachineSpec without the defaults gRPC fills in, so both transports read the same. */
function readMachineSpec(value: unknown): Record<string, unknown> {
  const raw = isRecord(value) ? value : {};
  const spec: Record<string, unknown> = { machineType: text(raw.machineType) };
  const accelerator = raw.acceleratorType;
  if (accelerator && accelerator !== 'ACCELERATOR_TYPE_UNSPECIFIED' && accelerator !== 0) spec.acceleratorType = accelerator;
  const count = readInt(raw.acceleratorCount);
  if (count) spec.acceleratorCount = count;
  if (text(raw.tpuTopology)) spec.tpuTopology = text(raw.tpuTopology);
  return spec;
}

function readPools(specs: unknown): WorkerPool[] {
  if (!Array.isArray(specs)) return [];
  return specs.flatMap((spec, index): WorkerPool[] => {
    if (!isRecord(spec)) return [];
    const machineSpec = readMachineSpec(spec.machineSpec);
    const container = isRecord(spec.containerSpec) ? spec.containerSpec : undefined;
    const python = isRecord(spec.pythonPackageSpec) ? spec.pythonPackageSpec : undefined;
    const pool: WorkerPool = { index, replicaCount: readInt(spec.replicaCount) ?? 0, machineSpec, machineType: text(machineSpec.machineType) };
    const image = text(container?.imageUri) || text(python?.executorImageUri);
    if (image) pool.image = image;
    if (text(python?.pythonModule)) pool.pythonModule = text(python?.pythonModule);
    return [pool];
  });
}

function readTrial(raw: unknown): Trial | undefined {
  if (!isRecord(raw)) return undefined;
  const parameters = (Array.isArray(raw.parameters) ? raw.parameters : []).flatMap((p) => {
    if (!isRecord(p)) return [];
    const value = plainValue(p.value);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [{ id: text(p.parameterId), value }] : [];
  });
  const trial: Trial = { id: text(raw.id), state: enumName(raw.state, TRIAL_STATES, ''), parameters };
  const final = isRecord(raw.finalMeasurement) ? raw.finalMeasurement : undefined;
  const metric = Array.isArray(final?.metrics) ? final.metrics.find(isRecord) : undefined;
  if (metric && typeof metric.value === 'number') trial.metric = metric.value;
  return trial;
}

function readHpTuning(raw: Record<string, unknown>): HpTuningInfo {
  const study = isRecord(raw.studySpec) ? raw.studySpec : {};
  const metricSpec = Array.isArray(study.metrics) ? study.metrics.find(isRecord) : undefined;
  const goalRaw = metricSpec?.goal;
  const goal = goalRaw === 'MINIMIZE' || goalRaw === 2 ? 'MINIMIZE' : goalRaw === 'MAXIMIZE' || goalRaw === 1 ? 'MAXIMIZE' : undefined;
  const trials = (Array.isArray(raw.trials) ? raw.trials : []).map(readTrial).filter((t): t is Trial => t !== undefined);
  const info: HpTuningInfo = { trials };
  if (text(metricSpec?.metricId)) info.metricId = text(metricSpec?.metricId);
  if (goal) info.goal = goal;
  const max = readInt(raw.maxTrialCount);
  if (max !== undefined) info.maxTrialCount = max;
  const parallel = readInt(raw.parallelTrialCount);
  if (parallel !== undefined) info.parallelTrialCount = parallel;
  const scored = trials.filter((t) => t.state === 'SUCCEEDED' && t.metric !== undefined);
  if (scored.length) {
    const better = (a: number, b: number) => (goal === 'MINIMIZE' ? a < b : a > b);
    info.bestTrialId = scored.reduce((best, t) => (better(t.metric as number, best.metric as number) ? t : best)).id;
  }
  return info;
}

export function readTrainingJob(kind: JobKind, value: unknown): TrainingJob {
  const raw = isRecord(value) ? value : {};
  const name = text(raw.name);
  const pipeline = kind === 'trainingPipeline' || kind === 'pipelineJob';
  const state = enumName(raw.state, STATE_NAMES, pipeline ? 'PIPELINE_STATE_' : 'JOB_STATE_');
  const job: TrainingJob = { kind, name, id: resourceId(name), displayName: text(raw.displayName) || resourceId(name), state, category: stateCategory(state), labels: readLabels(raw.labels), workerPools: [] };
  for (const key of ['createTime', 'startTime', 'endTime', 'updateTime'] as const) {
    const time = readTimestamp(raw[key]);
    if (time) job[key] = time;
  }
  if (isRecord(raw.error) && (readInt(raw.error.code) || text(raw.error.message))) job.error = { code: readInt(raw.error.code) ?? 0, message: text(raw.error.message) };
  if (kind === 'customJob' && isRecord(raw.jobSpec)) job.workerPools = readPools(raw.jobSpec.workerPoolSpecs);
  if (kind === 'hpTuningJob') {
    if (isRecord(raw.trialJobSpec)) job.workerPools = readPools(raw.trialJobSpec.workerPoolSpecs);
    job.hpTuning = readHpTuning(raw);
  }
  if (kind === 'trainingPipeline') {
    const inputs = plainValue(raw.trainingTaskInputs);
    if (isRecord(inputs)) job.workerPools = readPools(inputs.workerPoolSpecs ?? inputs.worker_pool_specs);
  }
  return job;
}
