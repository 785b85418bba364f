// Online prediction: the request body a user wrote (a file or a selection), sent to an
// endpoint through the PredictionService, with the time it took.
import { parseResourceName } from './resourceNames';
import { jsonErrorPosition } from './jsonErrorPosition';
import { InvalidInputError } from './invalidInput';
import { plainValue } from './trainingJobRead';
import type { VertexClients } from './vertexClients';

export interface PredictRequest {
  instances: unknown[];
  parameters?: unknown;
}

export interface PredictResult {
  endpoint: string;
  predictions: unknown[];
  deployedModelId: string;
  model: string;
  modelVersionId: string;
  modelDisplayName: string;
  latencyMs: number;
}

/** `{"instances": [...], "parameters": ...}` or a bare array of instances. */
export function parsePredictRequest(text: string, source: string): PredictRequest {
  if (!text.trim()) throw new InvalidInputError(`${source} is empty: write {"instances": [...]} or a JSON array of instances.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorPosition(text);
    const reason = err instanceof Error ? err.message : String(err);
    if (!at) throw new InvalidInputError(`${source} is not valid JSON: ${reason}`);
    throw new InvalidInputError(`${source} is not valid JSON at line ${at.line}, column ${at.column}: ${reason}`, at);
  }
  if (Array.isArray(body)) return checkInstances({ instances: body }, source);
  if (body === null || typeof body !== 'object' || !('instances' in body)) {
    throw new InvalidInputError(`${source} must be {"instances": [...]} (with optional "parameters") or a JSON array of instances.`);
  }
  const { instances, parameters } = body as { instances: unknown; parameters?: unknown };
  if (!Array.isArray(instances)) throw new InvalidInputError(`"instances" in ${source} must be a JSON array.`);
  return checkInstances(parameters === undefined ? { instances } : { instances, parameters }, source);
}

function checkInstances(request: PredictRequest, source: string): PredictRequest {
  if (request.instances.length === 0) throw new InvalidInputError(`${source} has no instances: the list is empty.`);
  return request;
}

type ProtoValue =
  | { nullValue: 'NULL_VALUE' }
  | { numberValue: number }
  | { stringValue: string }
  | { boolValue: boolean }
  | { listValue: { values: ProtoValue[] } }
  | { structValue: { fields: Record<string, ProtoValue> } };

/** Plain JSON as google.protobuf.Value, which both transports encode. */
export function toProtoValue(value: unknown): ProtoValue {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toProtoValue) } };
  return { structValue: { fields: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toProtoValue(v)])) } };
}

/**
 * A client serves one region, so an endpoint elsewhere is refused here with both regions
 * named, rather than as the API's NOT_FOUND.
 */
export function checkRegion(name: string, region: string, what: string): void {
  const parsed = parseResourceName(name);
  if (parsed && parsed.location !== region) {
    throw new InvalidInputError(`The ${what} ${name} is in ${parsed.location}, but the current region is ${region}. Switch the region to ${parsed.location} first.`);
  }
}

export async function predict(clients: VertexClients, endpoint: string, request: PredictRequest): Promise<PredictResult> {
  checkRegion(endpoint, clients.connection.region, 'endpoint');
  const started = performance.now();
  const [response] = await clients.prediction().predict({
    endpoint,
    instances: request.instances.map(toProtoValue),
    ...(request.parameters !== undefined && { parameters: toProtoValue(request.parameters) }),
  });
  const latencyMs = Math.round(performance.now() - started);
  return {
    endpoint,
    predictions: (response.predictions ?? []).map(plainValue),
    deployedModelId: response.deployedModelId ?? '',
    model: response.model ?? '',
    modelVersionId: response.modelVersionId ?? '',
    modelDisplayName: response.modelDisplayName ?? '',
    latencyMs,
  };
}
