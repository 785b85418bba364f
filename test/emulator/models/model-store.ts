import { notFound } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { canonicalName } from '../core/resource-names';
import type { Store } from '../state/store';
import { MODEL_VERSIONS, resolveVersion, sortVersions, splitModelName, versionIdOf, versionKey } from './versions';

/** Model versions in the store, and the DeployedModelRefs that endpoints keep in sync. */
export function versionsOf(store: Store, model: string): JsonObject[] {
  const prefix = `${model}@`;
  const out: JsonObject[] = [];
  for (const [key, v] of store.collection<JsonObject>(MODEL_VERSIONS)) if (key.startsWith(prefix)) out.push(v);
  return sortVersions(out);
}

export function modelNotFound(name: string): never {
  throw notFound(`Model \`${name}\` not found.`);
}

/** The version a (possibly `@`-suffixed) name selects, as stored; NOT_FOUND when there is none. */
export function findVersion(store: Store, name: string): JsonObject {
  const { model, selector } = splitModelName(canonicalName(store, name));
  const found = resolveVersion(versionsOf(store, model), selector);
  if (!found) modelNotFound(name);
  return found;
}

export function putVersion(store: Store, version: JsonObject): void {
  const { model } = splitModelName(String(version.name));
  store.put<JsonObject>(MODEL_VERSIONS, versionKey(model, versionIdOf(version)), version);
}

export function removeVersion(store: Store, model: string, versionId: string): void {
  store.remove(MODEL_VERSIONS, versionKey(model, versionId));
}

/** Every model's default version, which is what ListModels shows. */
export function defaultVersions(store: Store, parent: string): JsonObject[] {
  const prefix = `${parent}/models/`;
  const out: JsonObject[] = [];
  for (const v of store.collection<JsonObject>(MODEL_VERSIONS).values()) {
    const name = String(v.name);
    if (name.startsWith(prefix) && Array.isArray(v.versionAliases) && v.versionAliases.includes('default')) out.push(v);
  }
  return out;
}

export function deployedRefs(version: JsonObject): JsonObject[] {
  return Array.isArray(version.deployedModels) ? (version.deployedModels as JsonObject[]) : [];
}

function updateRefs(store: Store, model: string, versionId: string, change: (refs: JsonObject[]) => JsonObject[]): void {
  const version = store.collection<JsonObject>(MODEL_VERSIONS).get(versionKey(model, versionId));
  if (!version) return;
  const next = cloneJson(version);
  const refs = change(deployedRefs(next));
  if (refs.length > 0) next.deployedModels = refs;
  else delete next.deployedModels;
  putVersion(store, next);
}

export function addDeployedRef(store: Store, model: string, versionId: string, endpoint: string, deployedModelId: string): void {
  updateRefs(store, model, versionId, (refs) => [...refs, { endpoint, deployedModelId }]);
}

export function removeDeployedRef(store: Store, model: string, versionId: string, endpoint: string, deployedModelId: string): void {
  updateRefs(store, model, versionId, (refs) => refs.filter((r) => !(r.endpoint === endpoint && r.deployedModelId === deployedModelId)));
}
