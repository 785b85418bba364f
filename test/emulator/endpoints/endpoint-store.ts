import { createHash } from 'node:crypto';
import { notFound } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { canonicalName } from '../core/resource-names';
import type { Store } from '../state/store';
import type { TrafficSplit } from './traffic';

/** Endpoints in the store, keyed by `projects/{number}/locations/{l}/endpoints/{id}`. */
export const ENDPOINTS = 'endpoints';

export function findEndpoint(store: Store, name: string): JsonObject {
  const found = store.collection<JsonObject>(ENDPOINTS).get(canonicalName(store, name));
  if (!found) throw notFound(`Endpoint \`${name}\` not found.`);
  return found;
}

export function putEndpoint(store: Store, endpoint: JsonObject, time: string): JsonObject {
  const next = cloneJson(endpoint);
  next.updateTime = time;
  next.etag = `AMEw9yP${createHash('sha256').update(`${String(next.name)}@${time}`).digest('base64url').slice(0, 40)}`;
  store.put<JsonObject>(ENDPOINTS, String(next.name), next);
  return next;
}

export function deployedModelsOf(endpoint: JsonObject): JsonObject[] {
  return Array.isArray(endpoint.deployedModels) ? (endpoint.deployedModels as JsonObject[]) : [];
}

export function deployedIdsOf(endpoint: JsonObject): string[] {
  return deployedModelsOf(endpoint).map((d) => String(d.id));
}

export function splitOf(endpoint: JsonObject): TrafficSplit {
  const raw = endpoint.trafficSplit;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([id, pct]) => [id, Number(pct)]));
}

/** Stores the split; the API leaves an empty map out of the resource. */
export function withSplit(endpoint: JsonObject, split: TrafficSplit): JsonObject {
  const next = cloneJson(endpoint);
  if (Object.keys(split).length > 0) next.trafficSplit = { ...split };
  else delete next.trafficSplit;
  return next;
}
