// Serving a model version on an endpoint: create endpoints, deploy (a long-running operation
// that outlives a window reload, so it is resumed by name), undeploy.
import { checkHardware } from '../jobs/hardware-rules';
import { locationName } from './connection';
import type { Endpoint } from './endpoints-api';
import { readEndpoint } from './endpoints-api';
import type { VertexClients } from './vertexClients';

export interface DeploySettings {
  machineType: string;
  acceleratorType?: string;
  acceleratorCount?: number;
  minReplicas: number;
  maxReplicas?: number;
  /** Share of the endpoint's traffic for the new model, 0–100; the rest keeps its proportions. */
  trafficPercent?: number;
  displayName?: string;
}

// Small shapes that serving offers and custom training does not, so the training table lacks them.
const SERVING_ONLY_MACHINES = /^(n1|n2|e2)-(standard|highcpu|highmem)-(2|4|8)$/;

/** What is wrong with the settings, as messages; empty when they are fine for the region. */
export function deployProblems(settings: DeploySettings, region: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(settings.minReplicas) || settings.minReplicas < 1) problems.push('Minimum replicas must be a whole number of at least 1.');
  if (settings.maxReplicas !== undefined && (!Number.isInteger(settings.maxReplicas) || settings.maxReplicas < settings.minReplicas)) {
    problems.push('Maximum replicas must be a whole number no smaller than the minimum.');
  }
  const t = settings.trafficPercent;
  if (t !== undefined && (!Number.isInteger(t) || t < 0 || t > 100)) problems.push('Traffic must be a whole percentage from 0 to 100.');
  const hardware = checkHardware({ workerPoolSpecs: [{ machineSpec: machineSpecOf(settings), replicaCount: 1 }] }, region);
  for (const p of hardware) {
    if (p.rule === 'machine-type' && SERVING_ONLY_MACHINES.test(settings.machineType)) continue;
    problems.push(p.message);
  }
  return problems;
}

function machineSpecOf(s: DeploySettings): Record<string, unknown> {
  return {
    machineType: s.machineType,
    ...(s.acceleratorType && { acceleratorType: s.acceleratorType, acceleratorCount: s.acceleratorCount ?? 1 }),
  };
}

/** The traffic split after adding a model: `0` is the new model's key, as the API expects. */
export function splitWithNewModel(current: Endpoint, percent: number): Record<string, number> {
  const others = current.deployedModels.filter((d) => d.trafficPercent > 0);
  if (others.length === 0) return { '0': 100 };
  const rest = 100 - percent;
  const total = others.reduce((n, d) => n + d.trafficPercent, 0);
  const split: Record<string, number> = { '0': percent };
  let given = 0;
  others.forEach((d, i) => {
    const share = i === others.length - 1 ? rest - given : Math.floor((d.trafficPercent / total) * rest);
    split[d.id] = share;
    given += share;
  });
  return split;
}

export async function createEndpoint(clients: VertexClients, displayName: string): Promise<Endpoint> {
  const [operation] = await clients.endpoints().createEndpoint({ parent: locationName(clients.connection), endpoint: { displayName } });
  const [endpoint] = await operation.promise();
  return readEndpoint(endpoint);
}

/** Starts DeployModel; returns the operation's name, which `waitForDeploy` follows (also after a reload). */
export async function startDeploy(clients: VertexClients, endpoint: Endpoint, modelVersion: string, settings: DeploySettings): Promise<string> {
  const [operation] = await clients.endpoints().deployModel({
    endpoint: endpoint.name,
    deployedModel: {
      model: modelVersion,
      ...(settings.displayName && { displayName: settings.displayName }),
      dedicatedResources: {
        machineSpec: machineSpecOf(settings),
        minReplicaCount: settings.minReplicas,
        maxReplicaCount: settings.maxReplicas ?? settings.minReplicas,
      },
    },
    trafficSplit: splitWithNewModel(endpoint, settings.trafficPercent ?? 100),
  });
  if (!operation.name) throw new Error('DeployModel returned an operation without a name.');
  return operation.name;
}

export interface DeployOutcome {
  deployedModelId: string;
}

/** Waits for a DeployModel operation by name, as started here or before a reload. */
export async function waitForDeploy(clients: VertexClients, operationName: string): Promise<DeployOutcome> {
  const operation = await clients.endpoints().checkDeployModelProgress(operationName);
  const [response] = await operation.promise();
  return { deployedModelId: String(response.deployedModel?.id ?? '') };
}

/** The endpoint that a DeployModel operation's name belongs to. */
export function endpointOfOperation(operationName: string): string {
  return operationName.replace(/\/operations\/[^/]+$/, '');
}

/**
 * Undeploys one model. When others stay, the API wants the undeployed model's traffic given
 * away in the same call: it goes to the remaining models in proportion.
 */
export async function undeployModel(clients: VertexClients, endpoint: Endpoint, deployedModelId: string): Promise<void> {
  const rest = endpoint.deployedModels.filter((d) => d.id !== deployedModelId);
  const trafficSplit: Record<string, number> = {};
  const total = rest.reduce((n, d) => n + d.trafficPercent, 0);
  let given = 0;
  rest.forEach((d, i) => {
    const share = i === rest.length - 1 ? 100 - given : total > 0 ? Math.floor((d.trafficPercent / total) * 100) : Math.floor(100 / rest.length);
    trafficSplit[d.id] = share;
    given += share;
  });
  const [operation] = await clients.endpoints().undeployModel({ endpoint: endpoint.name, deployedModelId, ...(rest.length > 0 && { trafficSplit }) });
  await operation.promise();
}
