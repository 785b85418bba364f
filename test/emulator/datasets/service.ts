import { createHash } from 'node:crypto';
import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { invalidArgument, notFound } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { compileFilter, compileOrderBy } from '../core/list-filter';
import { EMPTY_RESPONSE, packAny } from '../core/operations';
import { paginate, withNextPage } from '../core/paging';
import { canonicalName, parseLocation } from '../core/resource-names';
import { REQUIRED, isSet, maskPaths, objectAt, requiredField, snakeToCamel, stringAt, throwIfAny } from '../models/field-errors';
import type { Store } from '../state/store';
import { getObject, parseGsUri } from '../storage/objects';
import { checkImportSchema, countImportItems, dataTypeOf } from './schemas';

const V1 = 'google.cloud.aiplatform.v1';
/** Datasets in the store, keyed by `projects/{number}/locations/{l}/datasets/{id}`. */
export const DATASETS = 'datasets';
const UPDATABLE = ['display_name', 'description', 'labels'];

function findDataset(store: Store, name: string): JsonObject {
  const found = store.collection<JsonObject>(DATASETS).get(canonicalName(store, name));
  if (!found) throw notFound(`Dataset \`${name}\` not found.`);
  return found;
}

export function putDataset(store: Store, dataset: JsonObject, time: string): JsonObject {
  const next = cloneJson(dataset);
  next.updateTime = time;
  next.etag = `AMEw9yP${createHash('sha256').update(`${String(next.name)}@${time}`).digest('base64url').slice(0, 40)}`;
  store.put<JsonObject>(DATASETS, String(next.name), next);
  return next;
}

/** Reads every gs:// import file now, so a missing one fails the request rather than later. */
function countItems(store: Store, configs: JsonObject[]): number {
  let total = 0;
  configs.forEach((config, i) => {
    const uris = objectAt(config.gcsSource)?.uris;
    for (const uri of Array.isArray(uris) ? uris.map(String) : []) {
      const gs = parseGsUri(uri);
      const object = gs && gs.name ? getObject(store, gs.bucket, gs.name) : undefined;
      if (!object) {
        throw invalidArgument(`Import file ${uri} does not exist or cannot be read.`, [{ field: `import_configs[${i}].gcs_source.uris`, description: `${uri} not found` }]);
      }
      total += countImportItems(object.data.toString('utf8'));
    }
  });
  return total;
}

export function registerDatasetService(emu: Emulator): void {
  const { store, operations } = emu;
  const now = () => rfc3339(emu.clock.now());
  const meta = (type: string) => packAny(`${V1}.${type}`, { genericMetadata: operations.genericMetadata() });

  emu.registry.service(`${V1}.DatasetService`, {
    async CreateDataset(req) {
      const loc = parseLocation(store, req.parent);
      const input = objectAt(req.dataset) ?? {};
      const violations: FieldViolation[] = [];
      if (!isSet(input.displayName)) violations.push({ field: 'dataset.display_name', description: REQUIRED });
      if (!isSet(input.metadataSchemaUri)) violations.push({ field: 'dataset.metadata_schema_uri', description: REQUIRED });
      throwIfAny(violations);
      dataTypeOf(stringAt(input.metadataSchemaUri));
      const name = `${loc.name}/datasets/${store.nextId()}`;
      return operations.run(name, meta('CreateDatasetOperationMetadata'), emu.timings.operationMs, () => {
        const time = now();
        const dataset: JsonObject = {
          name,
          displayName: input.displayName,
          metadataSchemaUri: input.metadataSchemaUri,
          metadata: input.metadata === undefined ? {} : cloneJson(input.metadata),
          createTime: time,
        };
        for (const field of ['description', 'labels', 'encryptionSpec']) if (isSet(input[field])) dataset[field] = cloneJson(input[field]);
        dataset.metadataArtifact = `${loc.name}/metadataStores/default/artifacts/${name.split('/').pop()}`;
        return packAny(`${V1}.Dataset`, putDataset(store, dataset, time));
      });
    },

    async GetDataset(req) {
      return cloneJson(findDataset(store, stringAt(req.name)));
    },

    async ListDatasets(req) {
      const loc = parseLocation(store, req.parent);
      const prefix = `${loc.name}/datasets/`;
      const pred = compileFilter(req.filter);
      const all = [...store.collection<JsonObject>(DATASETS).values()].filter((d) => String(d.name).startsWith(prefix) && pred(d));
      const order = compileOrderBy(req.orderBy);
      if (order) all.sort(order);
      const page = paginate(all, req, { query: `${loc.name}|${stringAt(req.filter)}|${stringAt(req.orderBy)}` });
      return withNextPage({ datasets: page.items.map((d) => cloneJson(d)) }, page);
    },

    async UpdateDataset(req) {
      const patch = objectAt(req.dataset) ?? {};
      const current = findDataset(store, stringAt(patch.name));
      const paths = maskPaths(req.updateMask);
      if (paths.length === 0) {
        throw requiredField('update_mask');
      }
      const next = cloneJson(current);
      for (const path of paths) {
        if (!UPDATABLE.includes(path)) {
          throw invalidArgument(`Updating the field ${path} of a Dataset is not supported.`, [{ field: 'update_mask', description: `unsupported path ${path}` }]);
        }
        const key = snakeToCamel(path);
        if (isSet(patch[key])) next[key] = cloneJson(patch[key]);
        else delete next[key];
      }
      return cloneJson(putDataset(store, next, now()));
    },

    async DeleteDataset(req) {
      const name = String(findDataset(store, stringAt(req.name)).name);
      const owner = name.slice(0, name.indexOf('/datasets/'));
      return operations.run(owner, meta('DeleteOperationMetadata'), emu.timings.operationMs, () => {
        store.remove(DATASETS, name);
        return EMPTY_RESPONSE;
      });
    },

    async ImportData(req) {
      const dataset = findDataset(store, stringAt(req.name));
      const name = String(dataset.name);
      const configs = Array.isArray(req.importConfigs) ? (req.importConfigs as JsonObject[]) : [];
      const violations: FieldViolation[] = [];
      if (configs.length === 0) violations.push({ field: 'import_configs', description: REQUIRED });
      configs.forEach((c, i) => {
        const uris = objectAt(c.gcsSource)?.uris;
        if (!Array.isArray(uris) || uris.length === 0) violations.push({ field: `import_configs[${i}].gcs_source.uris`, description: REQUIRED });
        if (!isSet(c.importSchemaUri)) violations.push({ field: `import_configs[${i}].import_schema_uri`, description: REQUIRED });
      });
      throwIfAny(violations);
      const type = dataTypeOf(stringAt(dataset.metadataSchemaUri));
      configs.forEach((c, i) => checkImportSchema(type, stringAt(c.importSchemaUri), `import_configs[${i}].import_schema_uri`));
      const added = countItems(store, configs);
      return operations.run(name, meta('ImportDataOperationMetadata'), emu.timings.operationMs, () => {
        const current = findDataset(store, name);
        const next = cloneJson(current);
        next.dataItemCount = String(Number(current.dataItemCount ?? 0) + added);
        putDataset(store, next, now());
        return packAny(`${V1}.ImportDataResponse`, {});
      });
    },
  });
}
