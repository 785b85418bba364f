import { checkHardware } from '../../../src/jobs/hardware-rules';
import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { alreadyExists, invalidArgument, notFound, toApiError } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { packAny } from '../core/operations';
import type { OperationHandle } from '../core/operations';
import type { UnaryHandler } from '../core/registry';
import { isSet, objectAt, requiredField, stringAt, throwIfAny } from '../models/field-errors';
import { addDeployedRef, findVersion, removeDeployedRef } from '../models/model-store';
import { splitModelName, versionIdOf } from '../models/versions';
import { deployedIdsOf, deployedModelsOf, findEndpoint, putEndpoint, splitOf, withSplit } from './endpoint-store';
import { readSplit, splitAfterDeploy, splitAfterUndeploy } from './traffic';

const V1 = 'google.cloud.aiplatform.v1';
const DEFAULT_MACHINE_TYPE = 'n1-standard-2';
// Small shapes that serving offers and custom training does not, so the training table lacks them.
const SERVING_ONLY_MACHINES = /^(n1|n2|e2)-(standard|highcpu|highmem)-(2|4|8)$/;
// User-chosen ids; generated ones are 19 digits.
const DEPLOYED_MODEL_ID = /^[1-9][0-9]{0,8}$|^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** An endpoint label that sets how long a deployment to it takes, like `emulator-run-seconds` on jobs. */
export const DEPLOY_SECONDS_LABEL = 'emulator-deploy-seconds';

function deployMs(emu: Emulator, endpoint: JsonObject): number {
  const secs = Number(((endpoint.labels ?? {}) as Record<string, unknown>)[DEPLOY_SECONDS_LABEL]);
  return Number.isFinite(secs) && secs > 0 ? secs * 1000 : emu.timings.operationMs * 2;
}

function camelToSnake(path: (string | number)[]): string {
  return path.map((p) => String(p).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join('.');
}

/**
 * DedicatedResources as stored: machine type defaults to n1-standard-2 and max replicas to
 * min replicas; machine and accelerator go through the same hardware rules as training.
 */
function dedicatedResources(input: JsonObject, region: string): JsonObject {
  const at = 'deployed_model.dedicated_resources';
  const machineSpec = { ...(objectAt(input.machineSpec) ?? {}) };
  if (!isSet(machineSpec.machineType)) machineSpec.machineType = DEFAULT_MACHINE_TYPE;
  const min = Number(input.minReplicaCount ?? 0);
  const max = isSet(input.maxReplicaCount) && Number(input.maxReplicaCount) !== 0 ? Number(input.maxReplicaCount) : min;
  const violations: FieldViolation[] = [];
  if (!Number.isInteger(min) || min < 1) violations.push({ field: `${at}.min_replica_count`, description: 'must be greater than or equal to 1.' });
  else if (max < min) violations.push({ field: `${at}.max_replica_count`, description: 'must be greater than or equal to min_replica_count.' });
  throwIfAny(violations);
  const problems = checkHardware({ workerPoolSpecs: [{ machineSpec }] }, region).filter(
    (p) => !(p.rule === 'machine-type' && SERVING_ONLY_MACHINES.test(String(machineSpec.machineType))),
  );
  if (problems.length > 0) {
    throw invalidArgument(
      problems[0].apiMessage,
      problems.map((p) => ({ field: `${at}.${camelToSnake(p.path.slice(2))}`, description: p.apiMessage })),
    );
  }
  return { ...cloneJson(input), machineSpec, minReplicaCount: min, maxReplicaCount: max };
}

export function deployHandlers(emu: Emulator): Record<string, UnaryHandler> {
  const { store, operations } = emu;
  const now = () => rfc3339(emu.clock.now());

  return {
    async DeployModel(req) {
      const endpoint = findEndpoint(store, stringAt(req.endpoint));
      const endpointName = String(endpoint.name);
      const region = endpointName.split('/')[3];
      const input = objectAt(req.deployedModel);
      if (!input) throw requiredField('deployed_model');
      if (!isSet(input.model)) throw requiredField('deployed_model.model');
      const version = findVersion(store, stringAt(input.model));
      const { model } = splitModelName(String(version.name));
      const versionId = versionIdOf(version);

      const supported = Array.isArray(version.supportedDeploymentResourcesTypes) ? version.supportedDeploymentResourcesTypes.map(String) : [];
      const kinds = (['dedicatedResources', 'automaticResources', 'sharedResources'] as const).filter((k) => isSet(input[k]));
      if (kinds.length !== 1) {
        throw requiredField('deployed_model.dedicated_resources');
      }
      const kindName = { dedicatedResources: 'DEDICATED_RESOURCES', automaticResources: 'AUTOMATIC_RESOURCES', sharedResources: 'SHARED_RESOURCES' }[kinds[0]];
      if (!supported.includes(kindName)) {
        throw invalidArgument(`Model ${model}@${versionId} does not support deployment resources type ${kindName}. Supported types: [${supported.join(', ')}].`, [
          { field: `deployed_model.${kinds[0].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, description: `not supported by the model` },
        ]);
      }
      const resources = kinds[0] === 'dedicatedResources' ? dedicatedResources(objectAt(input.dedicatedResources) ?? {}, region) : cloneJson(input[kinds[0]]);

      const id = stringAt(input.id) || store.nextId();
      if (isSet(input.id) && !DEPLOYED_MODEL_ID.test(id)) {
        throw invalidArgument(`Invalid deployed model id "${id}".`, [{ field: 'deployed_model.id', description: 'invalid format' }]);
      }
      if (deployedIdsOf(endpoint).includes(id)) throw alreadyExists(`DeployedModel with ID ${id} already exists in Endpoint \`${endpointName}\`.`);
      const requested = readSplit(req.trafficSplit, 'traffic_split');
      splitAfterDeploy(splitOf(endpoint), requested, id, deployedIdsOf(endpoint));

      const metadata = (stage: string) => packAny(`${V1}.DeployModelOperationMetadata`, { genericMetadata: operations.genericMetadata(), deploymentStage: stage });
      const finishDeploy = (op: OperationHandle): JsonObject => {
        const current = findEndpoint(store, endpointName);
        if (deployedIdsOf(current).includes(id)) throw alreadyExists(`DeployedModel with ID ${id} already exists in Endpoint \`${endpointName}\`.`);
        const split = splitAfterDeploy(splitOf(current), requested, id, deployedIdsOf(current));
        const time = now();
        const deployed: JsonObject = {
          [kinds[0]]: resources,
          id,
          model,
          modelVersionId: versionId,
          displayName: stringAt(input.displayName) || stringAt(version.displayName),
          createTime: time,
        };
        for (const flag of ['serviceAccount', 'disableContainerLogging', 'enableAccessLogging', 'explanationSpec', 'disableExplanations']) {
          if (isSet(input[flag]) && input[flag] !== false) deployed[flag] = cloneJson(input[flag]);
        }
        const next = withSplit(current, split);
        next.deployedModels = [...deployedModelsOf(current), deployed];
        putEndpoint(store, next, time);
        op.setMetadata(metadata('FINISHING_UP'));
        return packAny(`${V1}.DeployModelResponse`, { deployedModel: deployed });
      };
      // The model counts as deployed from the start, so it cannot be deleted while it is being deployed.
      addDeployedRef(store, model, versionId, endpointName, id);
      const op = operations.start(endpointName, metadata('STARTING_DEPLOYMENT'));
      const dropRef = () => removeDeployedRef(store, model, versionId, endpointName, id);
      op.onCancel(dropRef);
      emu.timers.after(deployMs(emu, endpoint), () => {
        if (op.json().done === true) return;
        try {
          op.succeed(finishDeploy(op));
        } catch (e) {
          dropRef();
          op.fail(toApiError(e));
        }
      });
      return op.json();
    },

    async UndeployModel(req) {
      const endpoint = findEndpoint(store, stringAt(req.endpoint));
      const endpointName = String(endpoint.name);
      const id = stringAt(req.deployedModelId);
      if (!id) throw requiredField('deployed_model_id');
      const requested = readSplit(req.trafficSplit, 'traffic_split');
      const check = (current: JsonObject) => {
        const target = deployedModelsOf(current).find((d) => String(d.id) === id);
        if (!target) throw notFound(`DeployedModel with ID ${id} not found in Endpoint \`${endpointName}\`.`);
        const remaining = deployedIdsOf(current).filter((d) => d !== id);
        return { target, remaining, split: splitAfterUndeploy(splitOf(current), requested, id, remaining) };
      };
      check(endpoint);
      const metadata = packAny(`${V1}.UndeployModelOperationMetadata`, { genericMetadata: operations.genericMetadata() });
      return operations.run(endpointName, metadata, emu.timings.operationMs, () => {
        const current = findEndpoint(store, endpointName);
        const { target, split } = check(current);
        const next = withSplit(current, split);
        const left = deployedModelsOf(current).filter((d) => String(d.id) !== id);
        if (left.length > 0) next.deployedModels = left;
        else delete next.deployedModels;
        putEndpoint(store, next, now());
        removeDeployedRef(store, String(target.model), String(target.modelVersionId), endpointName, id);
        return packAny(`${V1}.UndeployModelResponse`, {});
      });
    },
  };
}
