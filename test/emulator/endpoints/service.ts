import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { alreadyExists, failedPrecondition, invalidArgument } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { compileFilter, compileOrderBy } from '../core/list-filter';
import { EMPTY_RESPONSE, packAny } from '../core/operations';
import { paginate, withNextPage } from '../core/paging';
import { parseLocation } from '../core/resource-names';
import { isSet, maskPaths, objectAt, requiredField, snakeToCamel, stringAt } from '../models/field-errors';
import { findVersion } from '../models/model-store';
import { deployHandlers } from './deploy';
import { ENDPOINTS, deployedIdsOf, deployedModelsOf, findEndpoint, putEndpoint, splitOf, withSplit } from './endpoint-store';
import { canonicalJson, predictionFor, validateInstances } from './prediction';
import { pickDeployedModel, readSplit, validateSplit } from './traffic';

const V1 = 'google.cloud.aiplatform.v1';
// Documented: a letter then up to 62 of [a-z0-9-] ending in a letter or digit, or up to 9 digits without a leading zero.
const ENDPOINT_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$|^[1-9][0-9]{0,8}$/;
const UPDATABLE = ['display_name', 'description', 'labels', 'traffic_split', 'predict_request_response_logging_config', 'client_connection_config'];

export function registerEndpointService(emu: Emulator): void {
  const { store, operations } = emu;
  const now = () => rfc3339(emu.clock.now());

  emu.registry.service(`${V1}.EndpointService`, {
    async CreateEndpoint(req) {
      const loc = parseLocation(store, req.parent);
      const input = objectAt(req.endpoint) ?? {};
      if (!isSet(input.displayName)) {
        throw requiredField('endpoint.display_name');
      }
      const endpointId = stringAt(req.endpointId);
      if (endpointId && !ENDPOINT_ID.test(endpointId)) {
        throw invalidArgument(`Invalid endpoint_id "${endpointId}".`, [{ field: 'endpoint_id', description: 'invalid format' }]);
      }
      const name = `${loc.name}/endpoints/${endpointId || store.nextId()}`;
      if (store.collection(ENDPOINTS).has(name)) throw alreadyExists(`Endpoint \`${name}\` already exists.`);
      const metadata = packAny(`${V1}.CreateEndpointOperationMetadata`, { genericMetadata: operations.genericMetadata() });
      return operations.run(name, metadata, emu.timings.operationMs, () => {
        if (store.collection(ENDPOINTS).has(name)) throw alreadyExists(`Endpoint \`${name}\` already exists.`);
        const endpoint: JsonObject = { name, displayName: input.displayName };
        for (const field of ['description', 'labels', 'network', 'encryptionSpec', 'predictRequestResponseLoggingConfig', 'dedicatedEndpointEnabled']) {
          if (isSet(input[field])) endpoint[field] = cloneJson(input[field]);
        }
        const time = now();
        endpoint.createTime = time;
        return packAny(`${V1}.Endpoint`, putEndpoint(store, endpoint, time));
      });
    },

    async GetEndpoint(req) {
      return cloneJson(findEndpoint(store, stringAt(req.name)));
    },

    async ListEndpoints(req) {
      const loc = parseLocation(store, req.parent);
      const prefix = `${loc.name}/endpoints/`;
      const pred = compileFilter(req.filter);
      const all = [...store.collection<JsonObject>(ENDPOINTS).values()].filter((e) => String(e.name).startsWith(prefix) && pred(e));
      const order = compileOrderBy(req.orderBy);
      if (order) all.sort(order);
      const page = paginate(all, req, { query: `${loc.name}|${stringAt(req.filter)}|${stringAt(req.orderBy)}` });
      return withNextPage({ endpoints: page.items.map((e) => cloneJson(e)) }, page);
    },

    async UpdateEndpoint(req) {
      const patch = objectAt(req.endpoint) ?? {};
      const current = findEndpoint(store, stringAt(patch.name));
      const paths = maskPaths(req.updateMask);
      if (paths.length === 0) {
        throw requiredField('update_mask');
      }
      let next = cloneJson(current);
      for (const path of paths) {
        if (!UPDATABLE.includes(path)) {
          throw invalidArgument(`Updating the field ${path} of an Endpoint is not supported.`, [{ field: 'update_mask', description: `unsupported path ${path}` }]);
        }
        if (path === 'traffic_split') {
          const split = readSplit(patch.trafficSplit, 'endpoint.traffic_split');
          validateSplit(split, deployedIdsOf(current), 'endpoint.traffic_split');
          next = withSplit(next, split);
          continue;
        }
        const key = snakeToCamel(path);
        if (isSet(patch[key])) next[key] = cloneJson(patch[key]);
        else delete next[key];
      }
      return cloneJson(putEndpoint(store, next, now()));
    },

    async DeleteEndpoint(req) {
      const endpoint = findEndpoint(store, stringAt(req.name));
      const name = String(endpoint.name);
      if (deployedModelsOf(endpoint).length > 0) {
        throw failedPrecondition(
          `Endpoint \`${name}\` has deployed models (${deployedIdsOf(endpoint).join(', ')}). Undeploy all models from the Endpoint before deleting it.`,
        );
      }
      const owner = name.slice(0, name.indexOf('/endpoints/'));
      const metadata = packAny(`${V1}.DeleteOperationMetadata`, { genericMetadata: operations.genericMetadata() });
      return operations.run(owner, metadata, emu.timings.operationMs, () => {
        store.remove(ENDPOINTS, name);
        return EMPTY_RESPONSE;
      });
    },

    ...deployHandlers(emu),
  });
}

export function registerPredictionService(emu: Emulator): void {
  const { store } = emu;
  emu.registry.service(`${V1}.PredictionService`, {
    async Predict(req) {
      const endpoint = findEndpoint(store, stringAt(req.endpoint));
      const instances = validateInstances(req.instances);
      if (deployedModelsOf(endpoint).length === 0) {
        throw failedPrecondition(`Endpoint \`${String(endpoint.name)}\` does not have any deployed model. Deploy a model to it before sending predictions.`);
      }
      const id = pickDeployedModel(splitOf(endpoint), canonicalJson(instances));
      if (id === undefined) {
        throw failedPrecondition(`Endpoint \`${String(endpoint.name)}\` has no traffic split: none of its deployed models receives traffic.`);
      }
      const deployed = deployedModelsOf(endpoint).find((d) => String(d.id) === id) ?? {};
      const version = findVersion(store, `${String(deployed.model)}@${String(deployed.modelVersionId)}`);
      return {
        predictions: instances.map((instance) => predictionFor(id, instance)),
        deployedModelId: id,
        model: String(deployed.model),
        modelVersionId: String(deployed.modelVersionId),
        modelDisplayName: stringAt(version.displayName),
      };
    },
  });
}
