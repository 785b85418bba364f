import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { DEMO_BUCKET, DEMO_MODEL_IDS, demoLocation, hoursAgo } from '../models/seed';
import { PIPELINE_JOBS, TRAINING_PIPELINES } from './service';

const CUSTOM_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';

interface SeedRun {
  id: string;
  displayName: string;
  state: string;
  /** Hours since creation, since start and since end (absent when it has not started or ended). */
  created: number;
  started?: number;
  ended?: number;
  error?: JsonObject;
}

function times(emu: Emulator, run: SeedRun): JsonObject {
  const out: JsonObject = { createTime: hoursAgo(emu, run.created), updateTime: hoursAgo(emu, run.ended ?? run.started ?? run.created) };
  if (run.started !== undefined) out.startTime = hoursAgo(emu, run.started);
  if (run.ended !== undefined) out.endTime = hoursAgo(emu, run.ended);
  return out;
}

const FAILED_ERROR = { code: 3, message: 'The replica workerpool0-0 exited with a non-zero status of 1. Examine the logs for details.' };

/** Training pipelines and pipeline jobs in several states, in demo-project / us-central1. Running ones stay running; nothing is added to a state that already has pipelines. */
export function seedPipelines(emu: Emulator): void {
  const location = demoLocation(emu);
  if (emu.store.collection(PIPELINE_JOBS.kind).size > 0 || emu.store.collection(TRAINING_PIPELINES.kind).size > 0) return;
  const training: SeedRun[] = [
    { id: '3301000000000000001', displayName: 'flowers-efficientnet-b2', state: 'PIPELINE_STATE_SUCCEEDED', created: 32, started: 31.9, ended: 30 },
    { id: '3301000000000000002', displayName: 'flowers-vit-tiny', state: 'PIPELINE_STATE_FAILED', created: 50, started: 49.8, ended: 49, error: FAILED_ERROR },
    { id: '3301000000000000003', displayName: 'churn-xgboost-retrain', state: 'PIPELINE_STATE_RUNNING', created: 0.5, started: 0.4 },
  ];
  for (const run of training) {
    const name = `${location}/trainingPipelines/${run.id}`;
    const pipeline: JsonObject = {
      name,
      displayName: run.displayName,
      trainingTaskDefinition: CUSTOM_TASK,
      trainingTaskInputs: {
        workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-8' }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/training/tf-gpu.2-17.py310:latest' } }],
        baseOutputDirectory: { outputUriPrefix: `gs://${DEMO_BUCKET}/training/${run.displayName}` },
      },
      state: run.state,
      ...times(emu, run),
      ...(run.error && { error: run.error }),
    };
    if (run.id === training[0].id) pipeline.modelToUpload = { name: `${location}/models/${DEMO_MODEL_IDS.flowers}`, versionId: '3', displayName: 'flowers-classifier' };
    emu.store.put(TRAINING_PIPELINES.kind, name, pipeline);
  }

  const jobs: SeedRun[] = [
    { id: 'flowers-eval-20261120', displayName: 'flowers-eval', state: 'PIPELINE_STATE_SUCCEEDED', created: 70, started: 69.9, ended: 68 },
    { id: 'churn-feature-pipeline-20261121', displayName: 'churn-feature-pipeline', state: 'PIPELINE_STATE_FAILED', created: 40, started: 39.9, ended: 39.5, error: FAILED_ERROR },
    { id: 'flowers-train-deploy-20261122', displayName: 'flowers-train-deploy', state: 'PIPELINE_STATE_RUNNING', created: 1, started: 0.9 },
    { id: 'embedder-distill-20261122', displayName: 'embedder-distill', state: 'PIPELINE_STATE_CANCELLED', created: 10, started: 9.9, ended: 9, error: { code: 1, message: 'CANCELED' } },
    { id: 'churn-batch-scoring-20261122', displayName: 'churn-batch-scoring', state: 'PIPELINE_STATE_PENDING', created: 0.05 },
  ];
  for (const run of jobs) {
    const name = `${location}/pipelineJobs/${run.id}`;
    emu.store.put(PIPELINE_JOBS.kind, name, {
      name,
      displayName: run.displayName,
      state: run.state,
      ...times(emu, run),
      ...(run.error && { error: run.error }),
      pipelineSpec: { pipelineInfo: { name: run.displayName }, schemaVersion: '2.1.0', sdkVersion: 'kfp-2.7.0' },
      runtimeConfig: { gcsOutputDirectory: `gs://${DEMO_BUCKET}/pipeline_root/${run.displayName}` },
      serviceAccount: `${run.displayName.split('-')[0]}-runner@demo-project.iam.gserviceaccount.com`,
      labels: { 'vertex-ai-pipelines-run-billing-id': run.id.replace(/\D/g, '').padEnd(19, '0') },
    });
  }
}
