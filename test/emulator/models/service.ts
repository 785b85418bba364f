import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { alreadyExists, failedPrecondition, invalidArgument } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson, isJsonObject } from '../core/json';
import { compileFilter, compileOrderBy } from '../core/list-filter';
import { EMPTY_RESPONSE, packAny } from '../core/operations';
import { paginate, withNextPage } from '../core/paging';
import { canonicalName, parseLocation } from '../core/resource-names';
import { checkArtifactUri } from './artifacts';
import { REQUIRED, isSet, maskPaths, objectAt, requiredField, snakeToCamel, stringAt, throwIfAny } from './field-errors';
import { buildModelVersion, modelEtag } from './model-json';
import { defaultVersions, deployedRefs, findVersion, modelNotFound, putVersion, removeVersion, versionsOf } from './model-store';
import { DEFAULT_ALIAS, aliasesOf, nextVersionId, placeNewVersion, splitModelName, validateAliases, versionIdOf } from './versions';

const V1 = 'google.cloud.aiplatform.v1';
const MODEL_FIELDS = ['display_name', 'description', 'labels'];
const VERSION_FIELDS = ['version_description', 'labels', 'version_aliases'];
const MODEL_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function registerModelService(emu: Emulator): void {
  const { store, operations } = emu;
  const now = () => rfc3339(emu.clock.now());
  const meta = (type: string) => packAny(`${V1}.${type}`, { genericMetadata: operations.genericMetadata() });

  emu.registry.service(`${V1}.ModelService`, {
    async UploadModel(req) {
      const loc = parseLocation(store, req.parent);
      const model = objectAt(req.model) ?? {};
      const violations: FieldViolation[] = [];
      if (!isSet(model.displayName)) violations.push({ field: 'model.display_name', description: REQUIRED });
      const imageUri = stringAt(objectAt(model.containerSpec)?.imageUri);
      if (!imageUri) violations.push({ field: 'model.container_spec.image_uri', description: REQUIRED });
      throwIfAny(violations);
      const requestedAliases = Array.isArray(model.versionAliases) ? model.versionAliases.map(String) : [];
      validateAliases(requestedAliases, 'model.version_aliases');

      let modelName: string;
      if (isSet(req.parentModel)) {
        modelName = canonicalName(store, stringAt(req.parentModel));
        if (!modelName.startsWith(`${loc.name}/models/`)) {
          throw invalidArgument(`Parent model ${stringAt(req.parentModel)} must be in ${loc.name}.`, [{ field: 'parent_model', description: 'must be in the request parent' }]);
        }
        if (versionsOf(store, modelName).length === 0) modelNotFound(stringAt(req.parentModel));
      } else {
        const modelId = stringAt(req.modelId) || store.nextId();
        if (!MODEL_ID.test(modelId)) {
          throw invalidArgument(`Invalid model_id "${modelId}". It may contain lower-case letters, digits and hyphens, up to 63 characters, and must not start with a hyphen.`, [
            { field: 'model_id', description: 'invalid format' },
          ]);
        }
        modelName = `${loc.name}/models/${modelId}`;
        if (versionsOf(store, modelName).length > 0) throw alreadyExists(`Model \`${modelName}\` already exists.`);
      }
      if (isSet(model.artifactUri)) checkArtifactUri(store, stringAt(model.artifactUri), imageUri);

      return operations.run(modelName, meta('UploadModelOperationMetadata'), emu.timings.operationMs, () => {
        const existing = versionsOf(store, modelName);
        if (existing.length === 0 && isSet(req.parentModel)) modelNotFound(stringAt(req.parentModel));
        const versionId = nextVersionId(existing);
        const placed = placeNewVersion(existing, requestedAliases);
        const time = now();
        const first = existing[0];
        for (const changed of placed.changed) putVersion(store, { ...changed, versionUpdateTime: time, etag: modelEtag(modelName, versionIdOf(changed), time) });
        putVersion(
          store,
          buildModelVersion(model, {
            name: modelName,
            versionId,
            aliases: placed.aliases,
            time,
            createTime: stringAt(first?.createTime) || time,
            displayName: first ? stringAt(first.displayName) : stringAt(model.displayName),
          }),
        );
        return packAny(`${V1}.UploadModelResponse`, { model: modelName, modelVersionId: versionId });
      });
    },

    async GetModel(req) {
      return cloneJson(findVersion(store, stringAt(req.name)));
    },

    async ListModels(req) {
      const loc = parseLocation(store, req.parent);
      return listPage('models', defaultVersions(store, loc.name), req, loc.name);
    },

    async ListModelVersions(req) {
      const { model } = splitModelName(canonicalName(store, stringAt(req.name)));
      const versions = versionsOf(store, model);
      if (versions.length === 0) modelNotFound(stringAt(req.name));
      return listPage('models', versions, req, model);
    },

    async UpdateModel(req) {
      const patch = objectAt(req.model) ?? {};
      const paths = maskPaths(req.updateMask);
      if (paths.length === 0) throw requiredField('update_mask');
      const { selector } = splitModelName(stringAt(patch.name));
      const versionUpdate = selector !== undefined && selector !== '-';
      const allowed = versionUpdate ? VERSION_FIELDS : MODEL_FIELDS;
      for (const path of paths) {
        if (!MODEL_FIELDS.includes(path) && !VERSION_FIELDS.includes(path)) {
          throw invalidArgument(`Updating the field ${path} of a Model is not supported.`, [{ field: 'update_mask', description: `unsupported path ${path}` }]);
        }
        if (!allowed.includes(path)) {
          throw failedPrecondition(`The field ${path} cannot be updated through a ${versionUpdate ? 'model version name' : 'model name without a version'}.`);
        }
      }
      const target = findVersion(store, stringAt(patch.name));
      const { model } = splitModelName(stringAt(target.name));
      const time = now();
      const siblings = versionUpdate ? [target] : versionsOf(store, model);
      if (paths.includes('version_aliases')) {
        const aliases = Array.isArray(patch.versionAliases) ? patch.versionAliases.map(String) : [];
        validateAliases(aliases, 'model.version_aliases');
        if (aliasesOf(target).includes(DEFAULT_ALIAS) && !aliases.includes(DEFAULT_ALIAS)) {
          throw failedPrecondition('The default version alias cannot be removed; make another version the default instead.');
        }
        for (const other of versionsOf(store, model)) {
          if (versionIdOf(other) === versionIdOf(target)) continue;
          const kept = aliasesOf(other).filter((a) => !aliases.includes(a));
          if (kept.length !== aliasesOf(other).length) putVersion(store, { ...other, versionAliases: kept, versionUpdateTime: time });
        }
      }
      for (const sibling of siblings) {
        const next = cloneJson(sibling);
        for (const path of paths) {
          const key = snakeToCamel(path);
          if (isSet(patch[key]) && !(isJsonObject(patch[key]) && Object.keys(patch[key] as JsonObject).length === 0)) next[key] = cloneJson(patch[key]);
          else delete next[key];
        }
        next.updateTime = time;
        if (versionUpdate) next.versionUpdateTime = time;
        next.etag = modelEtag(model, versionIdOf(next), time);
        putVersion(store, next);
      }
      return cloneJson(findVersion(store, `${model}@${versionIdOf(target)}`));
    },

    async DeleteModel(req) {
      const name = canonicalName(store, stringAt(req.name));
      const { model } = splitModelName(name);
      const versions = versionsOf(store, model);
      if (versions.length === 0) modelNotFound(stringAt(req.name));
      const endpoints = [...new Set(versions.flatMap((v) => deployedRefs(v).map((r) => String(r.endpoint))))];
      if (endpoints.length > 0) {
        throw failedPrecondition(`The Model "${model}" is deployed or being deployed at the following Endpoint(s): ${endpoints.join(', ')}. Please undeploy the model before retry.`);
      }
      const owner = model.slice(0, model.indexOf('/models/'));
      return operations.run(owner, meta('DeleteOperationMetadata'), emu.timings.operationMs, () => {
        for (const v of versionsOf(store, model)) removeVersion(store, model, versionIdOf(v));
        return EMPTY_RESPONSE;
      });
    },

    async DeleteModelVersion(req) {
      const target = findVersion(store, stringAt(req.name));
      const { model } = splitModelName(String(target.name));
      if (!splitModelName(stringAt(req.name)).selector) {
        throw invalidArgument('The model version to delete must be named with a version: projects/{project}/locations/{location}/models/{model}@{version}.', [{ field: 'name', description: 'missing @version' }]);
      }
      if (versionsOf(store, model).length === 1) throw failedPrecondition('Deleting the only version of a Model is not allowed. Use DeleteModel to delete the Model instead.');
      if (aliasesOf(target).includes(DEFAULT_ALIAS)) throw failedPrecondition('The default version of a Model cannot be deleted. Make another version the default first.');
      const endpoints = deployedRefs(target).map((r) => String(r.endpoint));
      if (endpoints.length > 0) {
        throw failedPrecondition(`The Model version "${model}@${versionIdOf(target)}" is deployed or being deployed at the following Endpoint(s): ${endpoints.join(', ')}. Please undeploy the model before retry.`);
      }
      const owner = model.slice(0, model.indexOf('/models/'));
      return operations.run(owner, meta('DeleteOperationMetadata'), emu.timings.operationMs, () => {
        removeVersion(store, model, versionIdOf(target));
        return EMPTY_RESPONSE;
      });
    },
  });
}

function listPage(field: string, all: JsonObject[], req: JsonObject, scope: string): JsonObject {
  const pred = compileFilter(req.filter);
  const order = compileOrderBy(req.orderBy);
  const matched = all.filter(pred);
  if (order) matched.sort(order);
  const page = paginate(matched, req, { query: `${scope}|${stringAt(req.filter)}|${stringAt(req.orderBy)}` });
  return withNextPage({ [field]: page.items.map((m) => cloneJson(m)) }, page);
}
