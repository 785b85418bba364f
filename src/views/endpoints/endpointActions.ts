import * as vscode from 'vscode';
import { deleteEndpoint, getEndpoint } from '../../cloud/endpoints-api';
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

/** Deletes an endpoint after confirmation; one that still serves models is explained, with the commands that empty it. */
export async function deleteEndpointCommand(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<DeleteOutcome> {
  const resource = resolveResource(views, ENDPOINTS_VIEW, target, isEndpoint, vscode.l10n.t('endpoint'));
  return deleteResource(views, ui, {
    resource,
    confirm: { message: vscode.l10n.t('Delete the endpoint "{0}"? This cannot be undone.', resource.displayName), action: vscode.l10n.t('Delete Endpoint') },
    remove: (clients) => deleteEndpoint(clients, resource.name),
    async blocked(clients, apiMessage): Promise<Blocked> {
      const endpoint = await getEndpoint(clients, resource.name).catch(() => undefined);
      const url = consoleUrl(resource.name);
      const openConsole = url ? [{ title: vscode.l10n.t('Open in Cloud Console'), run: () => vscode.env.openExternal(vscode.Uri.parse(url)) }] : [];
      if (!endpoint?.deployedModels.length) return { message: vscode.l10n.t('Could not delete {0}: {1}', resource.displayName, apiMessage), actions: openConsole };
      const models = endpoint.deployedModels.map((d) => `${deployedModelLabel(d)} (${d.trafficPercent}%)`).join(', ');
      const { project, region } = clients.connection;
      return {
        message: vscode.l10n.t(
          'The endpoint "{0}" still serves {1}. Undeploy its models first (in the Cloud Console, or with the gcloud commands this copies), then delete it.',
          endpoint.displayName,
          models,
        ),
        actions: [
          { title: vscode.l10n.t('Copy Undeploy Commands'), run: () => vscode.env.clipboard.writeText(undeployCommands(endpoint, project, region).join('\n')) },
          ...openConsole,
        ],
      };
    },
  });
}
