import { checkHardware } from '../../../src/jobs/hardware-rules';
import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { ApiError, Code, invalidArgument } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { compileFilter, compileOrderBy } from '../core/list-filter';
import { EMPTY_RESPONSE, packAny } from '../core/operations';
import { paginate, withNextPage } from '../core/paging';
import { canonicalName, parseLocation } from '../core/resource-names';
import { runMs, shouldFail } from '../jobs/job-store';
import { REQUIRED, isSet, objectAt, stringAt, throwIfAny } from '../models/field-errors';
import { findVersion } from '../models/model-store';
import { splitModelName, versionIdOf } from '../models/versions';
import { cancelLifecycle, checkDeletable, findResource, runLifecycle } from '../pipelines/lifecycle';
import type { Lifecycle } from '../pipelines/lifecycle';
import { readInputs, writeBatchLogs, writePredictions } from './batch-io';

const V1 = 'google.cloud.aiplatform.v1';
export const BATCH_JOBS: Lifecycle = { kind: 'batchPredictionJobs', prefix: 'JOB_STATE_', label: 'BatchPredictionJob' };

function validate(input: JsonObject): void {
  const violations: FieldViolation[] = [];
  const need = (ok: boolean, field: string) => ok || violations.push({ field: `batch_prediction_job.${field}`, description: REQUIRED });
  need(isSet(input.displayName), 'display_name');
  need(isSet(input.model) || isSet(input.unmanagedContainerModel), 'model');
  const inputConfig = objectAt(input.inputConfig);
  need(inputConfig !== undefined, 'input_config');
  if (inputConfig) {
    need(isSet(inputConfig.instancesFormat), 'input_config.instances_format');
    need(isSet(objectAt(inputConfig.gcsSource)?.uris) || isSet(inputConfig.bigquerySource), 'input_config.gcs_source');
  }
  const outputConfig = objectAt(input.outputConfig);
  need(outputConfig !== undefined, 'output_config');
  if (outputConfig) {
    need(isSet(outputConfig.predictionsFormat), 'output_config.predictions_format');
    need(isSet(objectAt(outputConfig.gcsDestination)?.outputUriPrefix) || isSet(outputConfig.bigqueryDestination), 'output_config.gcs_destination');
  }
  throwIfAny(violations);
  const machineSpec = objectAt(objectAt(input.dedicatedResources)?.machineSpec);
  const problems = machineSpec ? checkHardware({ workerPoolSpecs: [{ machineSpec }] }) : [];
  if (problems.length > 0) {
    throw invalidArgument(problems[0].apiMessage, problems.map((p) => ({ field: 'batch_prediction_job.dedicated_resources.machine_spec', description: p.apiMessage })));
  }
}

function checkFormats(version: JsonObject, input: JsonObject): void {
  const formats = (field: string) => (Array.isArray(version[field]) ? (version[field] as string[]) : []);
  const instancesFormat = stringAt(objectAt(input.inputConfig)?.instancesFormat);
  const predictionsFormat = stringAt(objectAt(input.outputConfig)?.predictionsFormat);
  if (!formats('supportedInputStorageFormats').includes(instancesFormat)) {
    throw invalidArgument(`The Model does not support the instances format "${instancesFormat}". Supported formats: [${formats('supportedInputStorageFormats').join(', ')}].`, [
      { field: 'batch_prediction_job.input_config.instances_format', description: 'not supported by the model' },
    ]);
  }
  if (!formats('supportedOutputStorageFormats').includes(predictionsFormat)) {
    throw invalidArgument(`The Model does not support the predictions format "${predictionsFormat}". Supported formats: [${formats('supportedOutputStorageFormats').join(', ')}].`, [
      { field: 'batch_prediction_job.output_config.predictions_format', description: 'not supported by the model' },
    ]);
  }
}

export function registerBatchPredictionJobs(emu: Emulator): void {
  const { store, operations } = emu;
  const now = () => rfc3339(emu.clock.now());

  emu.registry.service(`${V1}.JobService`, {
    async CreateBatchPredictionJob(req) {
      const loc = parseLocation(store, req.parent);
      const input = objectAt(req.batchPredictionJob) ?? {};
      validate(input);
      const job: JsonObject = cloneJson(input);
      for (const output of ['outputInfo', 'state', 'error', 'partialFailures', 'resourcesConsumed', 'completionStats', 'startTime', 'endTime']) delete job[output];
      let modelKey = 'unmanaged';
      if (isSet(input.model)) {
        const version = findVersion(store, stringAt(input.model));
        checkFormats(version, input);
        job.model = splitModelName(String(version.name)).model;
        job.modelVersionId = versionIdOf(version);
        modelKey = `${String(job.model)}@${versionIdOf(version)}`;
      }
      const name = `${loc.name}/batchPredictionJobs/${store.nextId()}`;
      const time = now();
      Object.assign(job, { name, state: 'JOB_STATE_PENDING', createTime: time, updateTime: time });
      store.put(BATCH_JOBS.kind, name, job);

      const inputs = readInputs(store, job);
      const failWith = shouldFail(input)
        ? new ApiError(Code.INTERNAL, 'Batch prediction job failed: the model server exited with a non-zero status.')
        : inputs.missing.length > 0
          ? new ApiError(Code.INVALID_ARGUMENT, `Unable to read the input file(s): ${inputs.missing.join(', ')}.`)
          : undefined;
      runLifecycle(emu, BATCH_JOBS, name, {
        pendingMs: emu.timings.jobPendingMs,
        runningMs: runMs(emu, job),
        onRunning: (r) => writeBatchLogs(emu, r, [['INFO', `Batch prediction job ${String(r.displayName)} started; reading ${inputs.instances.length} instances.`]]),
        onSucceeded: (r) => {
          const outputDir = writePredictions(store, r, modelKey, inputs.instances);
          r.outputInfo = { gcsOutputDirectory: outputDir };
          r.completionStats = { successfulCount: String(inputs.instances.length), failedCount: '0', incompleteCount: '0' };
          writeBatchLogs(emu, r, [['INFO', `Wrote ${inputs.instances.length} predictions to ${outputDir}.`]]);
        },
        ...(failWith && { failWith }),
      });
      return cloneJson(job);
    },

    async GetBatchPredictionJob(req) {
      return cloneJson(findResource(emu, BATCH_JOBS, canonicalName(store, stringAt(req.name))));
    },

    async ListBatchPredictionJobs(req) {
      const loc = parseLocation(store, req.parent);
      const prefix = `${loc.name}/batchPredictionJobs/`;
      const pred = compileFilter(req.filter);
      const all = [...store.collection<JsonObject>(BATCH_JOBS.kind).values()].filter((j) => String(j.name).startsWith(prefix) && pred(j));
      all.sort(compileOrderBy(req.orderBy) ?? ((a, b) => (String(b.createTime) < String(a.createTime) ? -1 : 1)));
      const page = paginate(all, req, { query: `${prefix}|${stringAt(req.filter)}|${stringAt(req.orderBy)}` });
      return withNextPage({ batchPredictionJobs: page.items.map((j) => cloneJson(j)) }, page);
    },

    async CancelBatchPredictionJob(req) {
      cancelLifecycle(emu, BATCH_JOBS, canonicalName(store, stringAt(req.name)));
      return {};
    },

    async DeleteBatchPredictionJob(req) {
      const name = canonicalName(store, stringAt(req.name));
      checkDeletable(emu, BATCH_JOBS, name);
      const owner = name.slice(0, name.indexOf('/batchPredictionJobs/'));
      const metadata = packAny(`${V1}.DeleteOperationMetadata`, { genericMetadata: operations.genericMetadata() });
      return operations.run(owner, metadata, emu.timings.operationMs, () => {
        store.remove(BATCH_JOBS.kind, name);
        return EMPTY_RESPONSE;
      });
    },
  });
}
