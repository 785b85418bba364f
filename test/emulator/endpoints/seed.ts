import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { addDeployedRef, findVersion } from '../models/model-store';
import { DEMO_MODEL_IDS, demoLocation, hoursAgo } from '../models/seed';
import { ENDPOINTS, putEndpoint } from './endpoint-store';

export const DEMO_ENDPOINT_IDS = { churn: '8301000000000000001', flowers: '8301000000000000002', staging: '8301000000000000003' };

interface SeedDeployment {
  id: string;
  modelId: string;
  versionId: string;
  machineType: string;
  accelerator?: { type: string; count: number };
  replicas: [min: number, max: number];
  traffic: number;
}

function seedEndpoint(emu: Emulator, id: string, displayName: string, ageHours: number, deployments: SeedDeployment[]): void {
  const location = demoLocation(emu);
  const name = `${location}/endpoints/${id}`;
  if (emu.store.collection(ENDPOINTS).has(name)) return;
  const deployedModels: JsonObject[] = deployments.map((d) => {
    const model = `${location}/models/${d.modelId}`;
    const version = findVersion(emu.store, `${model}@${d.versionId}`);
    addDeployedRef(emu.store, model, d.versionId, name, d.id);
    const machineSpec: JsonObject = { machineType: d.machineType };
    if (d.accelerator) Object.assign(machineSpec, { acceleratorType: d.accelerator.type, acceleratorCount: d.accelerator.count });
    return {
      dedicatedResources: { machineSpec, minReplicaCount: d.replicas[0], maxReplicaCount: d.replicas[1] },
      id: d.id,
      model,
      modelVersionId: d.versionId,
      displayName: String(version.displayName),
      createTime: hoursAgo(emu, ageHours - 1),
    };
  });
  const endpoint: JsonObject = { name, displayName, createTime: hoursAgo(emu, ageHours), labels: { env: displayName.split('-').pop() ?? 'demo' } };
  if (deployedModels.length > 0) {
    endpoint.deployedModels = deployedModels;
    endpoint.trafficSplit = Object.fromEntries(deployments.filter((d) => d.traffic > 0).map((d) => [d.id, d.traffic]));
  }
  putEndpoint(emu.store, endpoint, hoursAgo(emu, ageHours - 1));
}

/** Endpoints in demo-project / us-central1; run after seedModels. Ones already there are kept. */
export function seedEndpoints(emu: Emulator): void {
  seedEndpoint(emu, DEMO_ENDPOINT_IDS.churn, 'churn-prod', 24 * 3, [
    { id: '5101000000000000001', modelId: DEMO_MODEL_IDS.churn, versionId: '1', machineType: 'n1-standard-4', replicas: [1, 3], traffic: 100 },
  ]);
  seedEndpoint(emu, DEMO_ENDPOINT_IDS.flowers, 'flowers-prod', 24 * 8, [
    { id: '5101000000000000002', modelId: DEMO_MODEL_IDS.flowers, versionId: '2', machineType: 'n1-standard-8', accelerator: { type: 'NVIDIA_TESLA_T4', count: 1 }, replicas: [1, 2], traffic: 80 },
    { id: '5101000000000000003', modelId: DEMO_MODEL_IDS.flowers, versionId: '3', machineType: 'g2-standard-8', accelerator: { type: 'NVIDIA_L4', count: 1 }, replicas: [1, 1], traffic: 20 },
  ]);
  seedEndpoint(emu, DEMO_ENDPOINT_IDS.staging, 'embedder-staging', 6, []);
}
