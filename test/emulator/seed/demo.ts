import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { parseLocation } from '../core/resource-names';
import { seedArtifactRegistry } from '../artifactregistry/seed';
import { seedDatasets } from '../datasets/seed';
import { seedEndpoints } from '../endpoints/seed';
import { withSpecDefaults, taskNames } from '../jobs/job-spec';
import { CUSTOM_JOBS, HP_TUNING_JOBS, OUTCOME_LABEL, RUN_SECONDS_LABEL, WAIT_SECONDS_LABEL, writeServiceLog, writeTaskLog } from '../jobs/job-store';
import type { JobSimulators } from '../jobs/service';
import { failureLines, failureStatus, modelFiles, trainingLine } from '../jobs/training-log';
import { metricValue, sampleParameters } from '../jobs/trials';
import { seedModels } from '../models/seed';
import { seedPipelines } from '../pipelines/seed';
import { seedProjects } from '../resourcemanager/seed';
import { DEMO_STAGING_BUCKET, seedStorage } from '../storage/seed';
import { putObject } from '../storage/objects';

export const DEMO_PROJECT = 'demo-project';
export const DEMO_REGION = 'us-central1';

const IMAGES = {
  torchGpu: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
  torchXla: 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest',
  tfGpu: 'us-docker.pkg.dev/vertex-ai/training/tf-gpu.2-17.py310:latest',
  custom: 'us-central1-docker.pkg.dev/demo-project/training/trainer:latest',
};

interface DemoJob {
  id: string;
  displayName: string;
  state: string;
  /** Hours before now it was created; it ran for `runHours`. */
  hoursAgo: number;
  runHours: number;
  machineSpec: JsonObject;
  image: string;
  labels?: Record<string, string>;
  pools?: number;
  output?: string;
}

/** The queued and pending demo jobs keep their state through a demo session rather than run. */
const WAIT_FOR_HOURS = String(6 * 3600);

const JOBS: DemoJob[] = [
  { id: '1001', displayName: 'flowers-resnet50-a100', state: 'JOB_STATE_SUCCEEDED', hoursAgo: 72, runHours: 3, machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 }, image: IMAGES.torchGpu, output: 'jobs/flowers-resnet50' },
  { id: '1002', displayName: 'flowers-effnet-tpu-v5e', state: 'JOB_STATE_SUCCEEDED', hoursAgo: 30, runHours: 2, machineSpec: { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' }, image: IMAGES.torchXla, output: 'jobs/flowers-effnet-tpu' },
  { id: '1003', displayName: 'churn-xgb-t4', state: 'JOB_STATE_FAILED', hoursAgo: 20, runHours: 0.2, machineSpec: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 }, image: IMAGES.custom },
  { id: '1004', displayName: 'bert-finetune-v100x4', state: 'JOB_STATE_CANCELLED', hoursAgo: 10, runHours: 0.5, machineSpec: { machineType: 'n1-standard-16', acceleratorType: 'NVIDIA_TESLA_V100', acceleratorCount: 4 }, image: IMAGES.tfGpu },
  { id: '1005', displayName: 'llm-sft-h100-distributed', state: 'JOB_STATE_EXPIRED', hoursAgo: 48, runHours: 24, machineSpec: { machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 }, image: IMAGES.torchGpu, pools: 2 },
  { id: '1006', displayName: 'embeddings-l4-running', state: 'JOB_STATE_RUNNING', hoursAgo: 0.25, runHours: 0, machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, image: IMAGES.torchGpu, labels: { [RUN_SECONDS_LABEL]: '7200' }, pools: 2, output: 'jobs/embeddings-l4' },
  { id: '1007', displayName: 'vision-tpu-v5e-pending', state: 'JOB_STATE_PENDING', hoursAgo: 0.05, runHours: 0, machineSpec: { machineType: 'ct5lp-hightpu-8t', tpuTopology: '2x4' }, image: IMAGES.torchXla, labels: { [WAIT_SECONDS_LABEL]: WAIT_FOR_HOURS } },
  { id: '1008', displayName: 'sweep-baseline-cpu-queued', state: 'JOB_STATE_QUEUED', hoursAgo: 0.01, runHours: 0, machineSpec: { machineType: 'n1-standard-4' }, image: IMAGES.custom, labels: { [OUTCOME_LABEL]: 'fail', [WAIT_SECONDS_LABEL]: WAIT_FOR_HOURS } },
];

function stamp(emu: Emulator, hoursAgo: number): string {
  return rfc3339(new Date(emu.clock.now().getTime() - hoursAgo * 3_600_000));
}

function demoJob(emu: Emulator, location: string, d: DemoJob): JsonObject {
  const pool = { machineSpec: d.machineSpec, replicaCount: '1', containerSpec: { imageUri: d.image, args: ['--epochs=20'] } };
  const workers = { machineSpec: d.machineSpec, replicaCount: '2', containerSpec: { imageUri: d.image, args: ['--epochs=20'] } };
  const jobSpec: JsonObject = { workerPoolSpecs: d.pools === 2 ? [pool, workers] : [pool] };
  if (d.output) jobSpec.baseOutputDirectory = { outputUriPrefix: `gs://${DEMO_STAGING_BUCKET}/${d.output}` };
  const created = stamp(emu, d.hoursAgo);
  const job: JsonObject = {
    name: `${location}/${CUSTOM_JOBS}/${d.id}`,
    displayName: d.displayName,
    jobSpec: withSpecDefaults(jobSpec),
    state: d.state,
    createTime: created,
    updateTime: created,
    labels: { team: 'demo', ...d.labels },
  };
  if (d.state === 'JOB_STATE_RUNNING') job.startTime = stamp(emu, d.hoursAgo - 0.05);
  if (d.runHours > 0) {
    Object.assign(job, { startTime: stamp(emu, d.hoursAgo - 0.1), endTime: stamp(emu, d.hoursAgo - d.runHours), updateTime: stamp(emu, d.hoursAgo - d.runHours) });
  }
  if (d.state === 'JOB_STATE_FAILED') job.error = failureStatus(DEMO_PROJECT, d.id);
  if (d.state === 'JOB_STATE_CANCELLED') job.error = { code: 1, message: 'CANCELED' };
  if (d.state === 'JOB_STATE_EXPIRED') job.error = { code: 4, message: 'The job exceeded its timeout of 86400s (scheduling.timeout).' };
  return job;
}

/** The past of a finished job: its replicas' lines, model files, the service's last word. */
function writeHistory(emu: Emulator, job: JsonObject, d: DemoJob): void {
  const name = String(job.name);
  const tasks = taskNames(job.jobSpec as JsonObject);
  const start = d.hoursAgo - 0.1;
  for (let tick = 0; tick < 8; tick++) {
    const at = stamp(emu, start - (tick * d.runHours) / 10);
    for (const task of tasks) writeTaskLog(emu, name, task, [trainingLine(d.id, job.jobSpec as JsonObject, task, tick)], undefined, at);
  }
  const end = stamp(emu, d.hoursAgo - d.runHours);
  if (d.state === 'JOB_STATE_FAILED') writeTaskLog(emu, name, 'workerpool0-0', failureLines(), undefined, end);
  if (d.state === 'JOB_STATE_SUCCEEDED' && d.output) {
    for (const f of modelFiles(job.jobSpec as JsonObject)) putObject(emu.store, DEMO_STAGING_BUCKET, `${d.output}/model/${f.name}`, f.data, { contentType: f.contentType });
  }
  const last: Record<string, string> = {
    JOB_STATE_SUCCEEDED: 'Job completed successfully.',
    JOB_STATE_FAILED: 'Job failed. The replica workerpool0-0 exited with a non-zero status of 1.',
    JOB_STATE_CANCELLED: 'Job was cancelled.',
    JOB_STATE_EXPIRED: 'Job expired: it exceeded its timeout.',
  };
  writeServiceLog(emu, name, d.state === 'JOB_STATE_FAILED' ? 'ERROR' : 'INFO', last[d.state], end);
}

function hpJob(emu: Emulator, location: string, id: string, state: string, hoursAgo: number): JsonObject {
  const studySpec: JsonObject = {
    metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }],
    parameters: [
      { parameterId: 'learning_rate', doubleValueSpec: { minValue: 0.0001, maxValue: 0.1 }, scaleType: 'UNIT_LOG_SCALE' },
      { parameterId: 'batch_size', discreteValueSpec: { values: [32, 64, 128] } },
      { parameterId: 'optimizer', categoricalValueSpec: { values: ['adam', 'sgd'] } },
    ],
    algorithm: 'ALGORITHM_UNSPECIFIED',
  };
  const job: JsonObject = {
    name: `${location}/${HP_TUNING_JOBS}/${id}`,
    displayName: state === 'JOB_STATE_SUCCEEDED' ? 'flowers-lr-sweep' : 'embeddings-lr-sweep',
    studySpec,
    maxTrialCount: state === 'JOB_STATE_SUCCEEDED' ? 6 : 12,
    parallelTrialCount: 2,
    trialJobSpec: withSpecDefaults({
      workerPoolSpecs: [{ machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, replicaCount: '1', containerSpec: { imageUri: IMAGES.torchGpu } }],
    }),
    state,
    createTime: stamp(emu, hoursAgo),
    updateTime: stamp(emu, hoursAgo),
    labels: { team: 'demo' },
  };
  if (state === 'JOB_STATE_SUCCEEDED') {
    job.startTime = stamp(emu, hoursAgo - 0.1);
    job.endTime = stamp(emu, hoursAgo - 3);
    job.trials = Array.from({ length: 6 }, (_, i) => ({
      id: String(i + 1),
      state: 'SUCCEEDED',
      parameters: sampleParameters(id, studySpec, i + 1),
      finalMeasurement: { stepCount: '100', metrics: [{ metricId: 'accuracy', value: metricValue(id, 'MAXIMIZE', i + 1) }] },
      startTime: stamp(emu, hoursAgo - 0.1 - Math.floor(i / 2)),
      endTime: stamp(emu, hoursAgo - 1 - Math.floor(i / 2)),
    }));
  }
  return job;
}

/**
 * The demo world: demo-project in us-central1 with jobs in every state (GPU and TPU, one
 * still running and writing logs), HP tuning jobs, and the other services' demo
 * resources. Skipped for what a loaded state file already holds.
 */
export function seedDemo(emu: Emulator, sims: JobSimulators): void {
  seedProjects(emu, DEMO_PROJECT);
  seedStorage(emu);
  seedArtifactRegistry(emu);
  seedModels(emu);
  seedEndpoints(emu);
  seedDatasets(emu);
  seedPipelines(emu);
  const location = parseLocation(emu.store, `projects/${DEMO_PROJECT}/locations/${DEMO_REGION}`).name;
  const jobs = emu.store.collection<JsonObject>(CUSTOM_JOBS);
  for (const d of JOBS) {
    const name = `${location}/${CUSTOM_JOBS}/${d.id}`;
    if (jobs.has(name)) continue;
    const job = demoJob(emu, location, d);
    emu.store.put(CUSTOM_JOBS, name, job);
    if (d.runHours > 0) writeHistory(emu, job, d);
    else sims.customJobs.start(name);
  }
  const hp = emu.store.collection<JsonObject>(HP_TUNING_JOBS);
  for (const [id, state, hours] of [['2001', 'JOB_STATE_SUCCEEDED', 26], ['2002', 'JOB_STATE_PENDING', 0.02]] as const) {
    const name = `${location}/${HP_TUNING_JOBS}/${id}`;
    if (hp.has(name)) continue;
    emu.store.put(HP_TUNING_JOBS, name, hpJob(emu, location, id, state, hours));
    if (state !== 'JOB_STATE_SUCCEEDED') sims.hpTuningJobs.start(name);
  }
}
