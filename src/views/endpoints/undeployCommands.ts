// The gcloud commands that empty an endpoint, so it can be deleted. No VS Code API.
import type { Endpoint } from '../../cloud/endpoints-api';

/**
 * One `gcloud ai endpoints undeploy-model` per deployed model. The API refuses to undeploy a
 * model that still gets traffic while others stay, so each command but the last hands all
 * traffic to the model undeployed last.
 */
export function undeployCommands(endpoint: Pick<Endpoint, 'id' | 'deployedModels'>, project: string, region: string): string[] {
  const models = [...endpoint.deployedModels].sort((a, b) => a.trafficPercent - b.trafficPercent);
  const last = models[models.length - 1];
  return models.map((d) => {
    const split = d === last ? '' : ` --traffic-split=${last.id}=100`;
    return `gcloud ai endpoints undeploy-model ${endpoint.id} --project=${project} --region=${region} --deployed-model-id=${d.id}${split}`;
  });
}
