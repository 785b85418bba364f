import { createHash } from 'node:crypto';
import { failedPrecondition, invalidArgument } from '../core/errors';
import type { JsonValue } from '../core/json';

/** Endpoint.trafficSplit: deployed model id → percentage. */
export type TrafficSplit = Record<string, number>;

/** The id DeployModelRequest.trafficSplit uses for the model being deployed. */
export const NEW_MODEL_KEY = '0';

export function readSplit(value: JsonValue | undefined, field: string): TrafficSplit {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(`Invalid ${field}.`, [{ field, description: 'must be a map of deployed model id to percentage' }]);
  }
  const out: TrafficSplit = {};
  for (const [id, pct] of Object.entries(value)) {
    const n = typeof pct === 'string' ? Number(pct) : pct;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100) {
      throw invalidArgument(`Invalid traffic percentage ${JSON.stringify(pct)} for DeployedModel ${id}.`, [
        { field: `${field}[${id}]`, description: 'must be an integer from 0 to 100' },
      ]);
    }
    out[id] = n;
  }
  return out;
}

/**
 * The documented rules: an empty map (no traffic at all) or percentages of deployed models
 * that add up to 100.
 */
export function validateSplit(split: TrafficSplit, deployedIds: readonly string[], field: string): void {
  const ids = Object.keys(split);
  for (const id of ids) {
    if (!deployedIds.includes(id)) {
      throw invalidArgument(`DeployedModel with ID ${id} in ${field} does not exist in the Endpoint.`, [
        { field, description: `DeployedModel with ID ${id} does not exist in the Endpoint.` },
      ]);
    }
  }
  const total = ids.reduce((sum, id) => sum + split[id], 0);
  if (ids.length > 0 && total !== 100) {
    throw invalidArgument(`The sum of all traffic split values must be 100, but got ${total}.`, [
      { field, description: `Traffic split values add up to ${total}, not 100.` },
    ]);
  }
}

/** Percentages with zero entries dropped, as the API stores the map. */
export function compactSplit(split: TrafficSplit): TrafficSplit {
  return Object.fromEntries(Object.entries(split).filter(([, pct]) => pct > 0));
}

/**
 * The endpoint's split once `newId` is deployed. A requested split replaces the current one,
 * with "0" standing for the new model. Without one the split stays, except that the first model
 * on an endpoint with no traffic takes all of it.
 */
export function splitAfterDeploy(current: TrafficSplit, requested: TrafficSplit, newId: string, deployedIds: readonly string[]): TrafficSplit {
  if (Object.keys(requested).length === 0) {
    return Object.keys(compactSplit(current)).length === 0 ? { [newId]: 100 } : current;
  }
  const resolved: TrafficSplit = {};
  for (const [id, pct] of Object.entries(requested)) resolved[id === NEW_MODEL_KEY ? newId : id] = pct;
  validateSplit(resolved, [...deployedIds, newId], 'traffic_split');
  return compactSplit(resolved);
}

/**
 * The split once `removedId` is undeployed. A model that still has traffic can only go when the
 * request's split takes that traffic away, or when it is the last model.
 */
export function splitAfterUndeploy(current: TrafficSplit, requested: TrafficSplit, removedId: string, remainingIds: readonly string[]): TrafficSplit {
  if (remainingIds.length === 0) return {};
  if (Object.keys(requested).length > 0) {
    if ((requested[removedId] ?? 0) > 0) {
      throw invalidArgument(`The traffic split must not assign traffic to DeployedModel ${removedId}, which is being undeployed.`, [
        { field: 'traffic_split', description: `DeployedModel ${removedId} is being undeployed.` },
      ]);
    }
    const { [removedId]: _removed, ...rest } = requested;
    validateSplit(rest, remainingIds, 'traffic_split');
    return compactSplit(rest);
  }
  if ((current[removedId] ?? 0) > 0) {
    throw failedPrecondition(
      `DeployedModel ${removedId} has ${current[removedId]}% of the Endpoint's traffic. Set a traffic split that gives its traffic to other DeployedModels before undeploying it.`,
    );
  }
  return compactSplit(current);
}

/**
 * Picks the deployed model that serves a request: the request's hash falls in one bucket of
 * 0..99, and buckets are handed out in the split's id order. The same request always lands on
 * the same model, and over many requests each model gets its share.
 */
export function pickDeployedModel(split: TrafficSplit, requestKey: string): string | undefined {
  const entries = Object.entries(compactSplit(split)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return undefined;
  const bucket = createHash('sha256').update(requestKey).digest().readUInt32BE(0) % 100;
  let upTo = 0;
  for (const [id, pct] of entries) {
    upTo += pct;
    if (bucket < upTo) return id;
  }
  return entries[entries.length - 1][0];
}
