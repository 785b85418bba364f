import { parseResourceName } from './resourceNames';
import type { VertexClients } from './vertexClients';
import { toApiError } from './apiErrors';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSecondsNanos(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'seconds' || k === 'nanos');
}

function secondsNanos(value: Record<string, unknown>): number {
  return Number(value.seconds ?? 0) + Number(value.nanos ?? 0) / 1e9;
}

/**
 * What the client libraries return (either transport), as proto3 JSON shows it: RFC3339
 * timestamps (fields named *Time), "12.5s" durations, and no default values, no
 * *_UNSPECIFIED enums, no oneof case markers.
 */
export function toProtoJson(value: unknown, key = ''): Json | undefined {
  if (value === null || value === undefined || value === '' || value === 0 || value === false || value === '0') return undefined;
  if (typeof value === 'string') return value.endsWith('_UNSPECIFIED') ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => toProtoJson(v)).filter((v): v is Json => v !== undefined);
    return items.length ? items : undefined;
  }
  if (!isRecord(value)) return undefined;
  if (isSecondsNanos(value)) {
    const seconds = secondsNanos(value);
    return /Time$/.test(key) ? new Date(seconds * 1000).toISOString() : `${Number(seconds.toFixed(9))}s`;
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    // gax adds the name of the set oneof member as a sibling string (`kind: "numberValue"`).
    if (typeof v === 'string' && v !== k && /^[a-z]+[A-Z][A-Za-z]*$/.test(v) && Object.prototype.hasOwnProperty.call(value, v)) continue;
    const converted = toProtoJson(v, k);
    if (converted !== undefined) out[k] = converted;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Gets any Vertex AI resource the views show, by its full name, as proto3 JSON. */
export async function getResourceJson(clients: VertexClients, name: string): Promise<Record<string, Json>> {
  const parsed = parseResourceName(name);
  if (!parsed || parsed.rest.length) throw new Error(`Not a Vertex AI resource name the extension can show: ${name}`);
  let resource: unknown;
  try {
    resource = await fetchByCollection(clients, parsed.collection, name);
  } catch (err) {
    const api = toApiError(err);
    throw api ? new Error(`${api.status}: ${api.message}`) : err;
  }
  const json = toProtoJson(resource);
  return isRecord(json) ? (json as Record<string, Json>) : {};
}

async function fetchByCollection(clients: VertexClients, collection: string, name: string): Promise<unknown> {
  switch (collection) {
    case 'customJobs':
      return (await clients.jobs().getCustomJob({ name }))[0];
    case 'hyperparameterTuningJobs':
      return (await clients.jobs().getHyperparameterTuningJob({ name }))[0];
    case 'trainingPipelines':
      return (await clients.pipelines().getTrainingPipeline({ name }))[0];
    case 'pipelineJobs':
      return (await clients.pipelines().getPipelineJob({ name }))[0];
    case 'batchPredictionJobs':
      return (await clients.jobs().getBatchPredictionJob({ name }))[0];
    case 'models':
      return (await clients.models().getModel({ name }))[0];
    case 'endpoints':
      return (await clients.endpoints().getEndpoint({ name }))[0];
    case 'datasets':
      return (await clients.datasets().getDataset({ name }))[0];
    default:
      throw new Error(`The extension cannot show ${collection} resources: ${name}`);
  }
}
