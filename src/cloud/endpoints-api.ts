// Vertex AI online prediction endpoints and the models deployed on them.
// (Where the APIs themselves are reached is endpoints.ts.)
import type { protos } from '@google-cloud/aiplatform';
import { isRecord, readInt } from '../jobs/proto-json-values';
import { locationName } from './connection';
import type { ListOptions, ResourcePage } from './listPage';
import { pageRequest, readLabels, readTimestamp, text, toPage } from './listPage';
import { resourceId } from './resourceNames';
import type { VertexClients } from './vertexClients';

type ApiEndpoint = protos.google.cloud.aiplatform.v1.IEndpoint;
type ApiDeployedModel = protos.google.cloud.aiplatform.v1.IDeployedModel;

export interface DeployedModel {
  /** The deployed model's ID on its endpoint (not the model's ID). */
  id: string;
  displayName: string;
  /** The model's resource name, without a version. */
  model: string;
  modelVersionId: string;
  /** Share of the endpoint's traffic, 0–100. */
  trafficPercent: number;
  /** `dedicated`: own machines; `automatic`: Google-managed; `shared`: a deployment resource pool. */
  resources: 'dedicated' | 'automatic' | 'shared' | 'unknown';
  /** MachineSpec as the API returned it (dedicated resources only). */
  machineSpec?: Record<string, unknown>;
  minReplicas?: number;
  maxReplicas?: number;
  /** The deployment resource pool's name (shared resources only). */
  resourcePool?: string;
  createTime?: Date;
}

export interface Endpoint {
  name: string;
  id: string;
  displayName: string;
  description: string;
  createTime?: Date;
  updateTime?: Date;
  deployedModels: DeployedModel[];
  labels: Record<string, string>;
}

function readSplit(value: unknown): Record<string, number> {
  if (!isRecord(value)) return {};
  const out: Record<string, number> = {};
  for (const [id, percent] of Object.entries(value)) out[id] = readInt(percent) ?? 0;
  return out;
}

function readDeployedModel(d: ApiDeployedModel, split: Record<string, number>): DeployedModel {
  const id = text(d.id);
  const base = {
    id,
    displayName: text(d.displayName) || id,
    model: text(d.model).split('@')[0],
    modelVersionId: text(d.modelVersionId),
    trafficPercent: split[id] ?? 0,
    createTime: readTimestamp(d.createTime),
  };
  if (d.dedicatedResources) {
    const r = d.dedicatedResources;
    return {
      ...base,
      resources: 'dedicated',
      machineSpec: isRecord(r.machineSpec) ? (r.machineSpec as Record<string, unknown>) : undefined,
      minReplicas: readInt(r.minReplicaCount),
      maxReplicas: readInt(r.maxReplicaCount),
    };
  }
  if (d.automaticResources) {
    return { ...base, resources: 'automatic', minReplicas: readInt(d.automaticResources.minReplicaCount), maxReplicas: readInt(d.automaticResources.maxReplicaCount) };
  }
  if (d.sharedResources) return { ...base, resources: 'shared', resourcePool: text(d.sharedResources) };
  return { ...base, resources: 'unknown' };
}

export function readEndpoint(endpoint: ApiEndpoint): Endpoint {
  const name = text(endpoint.name);
  const split = readSplit(endpoint.trafficSplit);
  return {
    name,
    id: resourceId(name),
    displayName: text(endpoint.displayName) || resourceId(name),
    description: text(endpoint.description),
    createTime: readTimestamp(endpoint.createTime),
    updateTime: readTimestamp(endpoint.updateTime),
    deployedModels: (endpoint.deployedModels ?? []).map((d) => readDeployedModel(d, split)),
    labels: readLabels(endpoint.labels),
  };
}

/** One page of the location's endpoints, newest first. */
export async function listEndpoints(clients: VertexClients, options: ListOptions = {}): Promise<ResourcePage<Endpoint>> {
  const [items, , raw] = await clients.endpoints().listEndpoints({ parent: locationName(clients.connection), ...pageRequest(options) }, { autoPaginate: false });
  return toPage(items, raw, readEndpoint);
}

export async function getEndpoint(clients: VertexClients, name: string): Promise<Endpoint> {
  const [endpoint] = await clients.endpoints().getEndpoint({ name });
  return readEndpoint(endpoint);
}

/** Deletes an endpoint and waits for the operation. FAILED_PRECONDITION while models are deployed on it. */
export async function deleteEndpoint(clients: VertexClients, name: string): Promise<void> {
  const [operation] = await clients.endpoints().deleteEndpoint({ name });
  await operation.promise();
}
