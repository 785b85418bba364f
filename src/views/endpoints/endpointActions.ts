import * as vscode from 'vscode';
import { undeployModel } from '../../cloud/deploy';
import { deleteEndpoint, getEndpoint } from '../../cloud/endpoints-api';
import type { VertexClients } from '../../cloud/vertexClients';
import { consoleUrl } from '../../cloud/resourceNames';
import type { UserInput } from '../../commands/userInput';
import type { ItemTarget } from '../tree/itemCommands';
import type { Blocked, DeleteOutcome } from '../tree/resourceDelete';
import { deleteResource, resolveResource } from '../tree/resourceDelete';
import type { ResourceViewRegistry } from '../tree/viewRegistry';
import { deployedModelLabel } from './endpointPresentation';
import { ENDPOINTS_VIEW } from './endpointsTreeProvider';
import { undeployCommands } from './undeployCommands';

const isEndpoint = (name: string) => /^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+$/.test(name);

/** Undeploys every model of the endpoint, one at a time (each hands its traffic to those left), then deletes it. */
async function undeployAllAndDelete(clients: VertexClients, name: string): Promise<void> {
  for (let endpoint = await getEndpoint(clients, name); endpoint.deployedModels.length > 0; endpoint = await getEndpoint(clients, name)) {
    await undeployModel(clients, endpoint, endpoint.deployedModels[0].id);
  }
  await deleteEndpoint(clients, name);
}

/**
 * Deletes an endpoint after confirmation. With `undeployFirst` its models are undeployed first;
 * without, one that still serves models is explained, with an offer to do that.
 */
export async function deleteEndpointCommand(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined, options: { undeployFirst?: boolean } = {}): Promise<DeleteOutcome> {
  const resource = resolveResource(views, ENDPOINTS_VIEW, target, isEndpoint, vscode.l10n.t('endpoint'));
  const confirm = options.undeployFirst
    ? vscode.l10n.t('Undeploy all models from the endpoint "{0}" and delete it? The models stay in the Model Registry. This cannot be undone.', resource.displayName)
    : vscode.l10n.t('Delete the endpoint "{0}"? This cannot be undone.', resource.displayName);
  return deleteResource(views, ui, {
    resource,
    confirm: { message: confirm, action: vscode.l10n.t('Delete Endpoint') },
    remove: (clients) => (options.undeployFirst ? undeployAllAndDelete(clients, resource.name) : deleteEndpoint(clients, resource.name)),
    async blocked(clients, apiMessage): Promise<Blocked> {
      const endpoint = await getEndpoint(clients, resource.name).catch(() => undefined);
      const url = consoleUrl(resource.name);
      const openConsole = url ? [{ title: vscode.l10n.t('Open in Cloud Console'), run: () => vscode.env.openExternal(vscode.Uri.parse(url)) }] : [];
      if (!endpoint?.deployedModels.length) return { message: vscode.l10n.t('Could not delete {0}: {1}', resource.displayName, apiMessage), actions: openConsole };
      const models = endpoint.deployedModels.map((d) => `${deployedModelLabel(d)} (${d.trafficPercent}%)`).join(', ');
      const { project, region } = clients.connection;
      return {
        message: vscode.l10n.t(
          'The endpoint "{0}" still serves {1}, billed by the hour. Undeploy its models first, then delete it.',
          endpoint.displayName,
          models,
        ),
        actions: [
          { title: vscode.l10n.t('Undeploy All and Delete…'), run: () => vscode.commands.executeCommand('vertexAI.deleteEndpoint', resource.name, { undeployFirst: true }) },
          { title: vscode.l10n.t('Copy Undeploy Commands'), run: () => vscode.env.clipboard.writeText(undeployCommands(endpoint, project, region).join('\n')) },
          ...openConsole,
        ],
      };
    },
  });
}
