import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { ApiError, Code } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { compileFilter, compileOrderBy } from '../core/list-filter';
import { EMPTY_RESPONSE, packAny } from '../core/operations';
import { paginate, withNextPage } from '../core/paging';
import { canonicalName, parseLocation } from '../core/resource-names';
import { shouldFail } from '../jobs/job-store';
import { REQUIRED, isSet, objectAt, stringAt, throwIfAny } from '../models/field-errors';
import { buildModelVersion } from '../models/model-json';
import { putVersion, versionsOf } from '../models/model-store';
import { nextVersionId, placeNewVersion } from '../models/versions';
import { cancelLifecycle, checkDeletable, findResource, runLifecycle } from './lifecycle';
import type { Lifecycle } from './lifecycle';

const V1 = 'google.cloud.aiplatform.v1';
export const TRAINING_PIPELINES: Lifecycle = { kind: 'trainingPipelines', prefix: 'PIPELINE_STATE_', label: 'TrainingPipeline' };
export const PIPELINE_JOBS: Lifecycle = { kind: 'pipelineJobs', prefix: 'PIPELINE_STATE_', label: 'PipelineJob' };

function listPage(emu: Emulator, lc: Lifecycle, field: string, req: JsonObject): JsonObject {
  const loc = parseLocation(emu.store, req.parent);
  const prefix = `${loc.name}/${lc.kind}/`;
  const pred = compileFilter(req.filter);
  const all = [...emu.store.collection<JsonObject>(lc.kind).values()].filter((r) => String(r.name).startsWith(prefix) && pred(r));
  const order = compileOrderBy(req.orderBy);
  all.sort(order ?? ((a, b) => (String(b.createTime) < String(a.createTime) ? -1 : 1)));
  const page = paginate(all, req, { query: `${prefix}|${stringAt(req.filter)}|${stringAt(req.orderBy)}` });
  return withNextPage({ [field]: page.items.map((r) => cloneJson(r)) }, page);
}

/** On success a TrainingPipeline with modelToUpload registers the model (or a new version of parentModel). */
function uploadTrainedModel(emu: Emulator, pipeline: JsonObject): void {
  const input = objectAt(pipeline.modelToUpload);
  if (!input || !isSet(objectAt(input.containerSpec)?.imageUri)) return;
  const location = String(pipeline.name).split('/trainingPipelines/')[0];
  const model = isSet(pipeline.parentModel)
    ? canonicalName(emu.store, stringAt(pipeline.parentModel))
    : `${location}/models/${stringAt(pipeline.modelId) || emu.store.nextId()}`;
  const existing = versionsOf(emu.store, model);
  const placed = placeNewVersion(existing, Array.isArray(input.versionAliases) ? input.versionAliases.map(String) : []);
  const time = rfc3339(emu.clock.now());
  for (const changed of placed.changed) putVersion(emu.store, changed);
  const versionId = nextVersionId(existing);
  const version = buildModelVersion(input, {
    name: model,
    versionId,
    aliases: placed.aliases,
    time,
    createTime: stringAt(existing[0]?.createTime) || time,
    displayName: existing[0] ? stringAt(existing[0].displayName) : stringAt(input.displayName) || stringAt(pipeline.displayName),
  });
  version.trainingPipeline = pipeline.name;
  putVersion(emu.store, version);
  pipeline.modelToUpload = { ...cloneJson(input), name: model, versionId };
}

export function registerPipelineService(emu: Emulator): void {
  const { store, operations } = emu;
  const now = () => rfc3339(emu.clock.now());
  const deleteOp = (lc: Lifecycle, req: JsonObject) => {
    const name = canonicalName(store, stringAt(req.name));
    checkDeletable(emu, lc, name);
    const owner = name.slice(0, name.indexOf(`/${lc.kind}/`));
    const metadata = packAny(`${V1}.DeleteOperationMetadata`, { genericMetadata: operations.genericMetadata() });
    return operations.run(owner, metadata, emu.timings.operationMs, () => {
      store.remove(lc.kind, name);
      return EMPTY_RESPONSE;
    });
  };

  emu.registry.service(`${V1}.PipelineService`, {
    async CreateTrainingPipeline(req) {
      const loc = parseLocation(store, req.parent);
      const input = objectAt(req.trainingPipeline) ?? {};
      const violations: FieldViolation[] = [];
      for (const [field, key] of [['display_name', 'displayName'], ['training_task_definition', 'trainingTaskDefinition'], ['training_task_inputs', 'trainingTaskInputs']]) {
        if (!isSet(input[key])) violations.push({ field: `training_pipeline.${field}`, description: REQUIRED });
      }
      throwIfAny(violations);
      const name = `${loc.name}/trainingPipelines/${store.nextId()}`;
      const time = now();
      const pipeline: JsonObject = { ...cloneJson(input), name, state: 'PIPELINE_STATE_PENDING', createTime: time, updateTime: time };
      for (const output of ['trainingTaskMetadata', 'error', 'startTime', 'endTime']) delete pipeline[output];
      store.put(TRAINING_PIPELINES.kind, name, pipeline);
      runLifecycle(emu, TRAINING_PIPELINES, name, {
        pendingMs: emu.timings.jobPendingMs,
        runningMs: emu.timings.jobRunningMs,
        onSucceeded: (r) => uploadTrainedModel(emu, r),
        ...(shouldFail(input) && { failWith: new ApiError(Code.INTERNAL, 'The replica workerpool0-0 exited with a non-zero status of 1.') }),
      });
      return cloneJson(pipeline);
    },

    async GetTrainingPipeline(req) {
      return cloneJson(findResource(emu, TRAINING_PIPELINES, canonicalName(store, stringAt(req.name))));
    },

    async ListTrainingPipelines(req) {
      return listPage(emu, TRAINING_PIPELINES, 'trainingPipelines', req);
    },

    async CancelTrainingPipeline(req) {
      cancelLifecycle(emu, TRAINING_PIPELINES, canonicalName(store, stringAt(req.name)));
      return {};
    },

    async DeleteTrainingPipeline(req) {
      return deleteOp(TRAINING_PIPELINES, req);
    },

    async GetPipelineJob(req) {
      return cloneJson(findResource(emu, PIPELINE_JOBS, canonicalName(store, stringAt(req.name))));
    },

    async ListPipelineJobs(req) {
      return listPage(emu, PIPELINE_JOBS, 'pipelineJobs', req);
    },

    async CancelPipelineJob(req) {
      cancelLifecycle(emu, PIPELINE_JOBS, canonicalName(store, stringAt(req.name)));
      return {};
    },

    async DeletePipelineJob(req) {
      return deleteOp(PIPELINE_JOBS, req);
    },
  });
}
