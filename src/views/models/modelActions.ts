import * as vscode from 'vscode';
import { getEndpoint } from '../../cloud/endpoints-api';
import type { ModelVersion } from '../../cloud/models';
import { deleteModel, deleteModelVersion, getModel, listModelVersions } from '../../cloud/models';
import { consoleUrl } from '../../cloud/resourceNames';
import type { VertexClients } from '../../cloud/vertexClients';
import type { UserInput } from '../../commands/userInput';
import type { ItemTarget } from '../tree/itemCommands';
import type { Blocked, DeleteOutcome } from '../tree/resourceDelete';
import { deleteResource, resolveResource } from '../tree/resourceDelete';
import type { ResourceViewRegistry } from '../tree/viewRegistry';
import { MODELS_VIEW } from './modelsTreeProvider';

const isModel = (name: string) => /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+$/.test(name);
const isModelVersion = (name: string) => /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+@[^/]+$/.test(name);

/** Display names of the endpoints these versions are deployed on. */
async function endpointsOf(clients: VertexClients, versions: readonly ModelVersion[]): Promise<string[]> {
  const names = [...new Set(versions.flatMap((v) => v.deployedModels.map((d) => d.endpoint)))];
  return Promise.all(names.map(async (name) => (await getEndpoint(clients, name).catch(() => undefined))?.displayName ?? name.slice(name.lastIndexOf('/') + 1)));
}

function consoleAction(name: string): Blocked['actions'] {
  const url = consoleUrl(name);
  return url ? [{ title: vscode.l10n.t('Open in Cloud Console'), run: () => vscode.env.openExternal(vscode.Uri.parse(url)) }] : [];
}

const showEndpoints = { title: vscode.l10n.t('Show Endpoints'), run: () => vscode.commands.executeCommand('vertexAI.endpoints.focus') };

/** Deletes a model with all its versions, after confirmation. A deployed model is explained: where, and what to do. */
export async function deleteModelCommand(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<DeleteOutcome> {
  const resource = resolveResource(views, MODELS_VIEW, target, isModel, vscode.l10n.t('model'));
  return deleteResource(views, ui, {
    resource,
    confirm: { message: vscode.l10n.t('Delete the model "{0}" and all its versions? This cannot be undone.', resource.displayName), action: vscode.l10n.t('Delete Model') },
    remove: (clients) => deleteModel(clients, resource.name),
    async blocked(clients, apiMessage): Promise<Blocked> {
      const versions = await listModelVersions(clients, resource.name, { pageSize: 1000 }).then((p) => p.items, () => []);
      const endpoints = await endpointsOf(clients, versions);
      if (!endpoints.length) return { message: vscode.l10n.t('Could not delete {0}: {1}', resource.displayName, apiMessage), actions: consoleAction(resource.name) };
      return {
        message: vscode.l10n.t('The model "{0}" is deployed on {1}. Undeploy it from there first, then delete the model.', resource.displayName, endpoints.join(', ')),
        actions: [showEndpoints, ...consoleAction(resource.name)],
      };
    },
  });
}

/** Deletes one version of a model, after confirmation. The API keeps the default version and deployed ones. */
export async function deleteModelVersionCommand(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<DeleteOutcome> {
  const resource = resolveResource(views, MODELS_VIEW, target, isModelVersion, vscode.l10n.t('model version'));
  return deleteResource(views, ui, {
    resource,
    confirm: { message: vscode.l10n.t('Delete {0}? This cannot be undone.', resource.displayName), action: vscode.l10n.t('Delete Version') },
    remove: (clients) => deleteModelVersion(clients, resource.name),
    async blocked(clients, apiMessage): Promise<Blocked> {
      const version = await getModel(clients, resource.name).catch(() => undefined);
      const endpoints = version ? await endpointsOf(clients, [version]) : [];
      if (!endpoints.length) return { message: vscode.l10n.t('Could not delete {0}: {1}', resource.displayName, apiMessage), actions: consoleAction(resource.name) };
      return {
        message: vscode.l10n.t('{0} is deployed on {1}. Undeploy it from there first, then delete the version.', resource.displayName, endpoints.join(', ')),
        actions: [showEndpoints, ...consoleAction(resource.name)],
      };
    },
  });
}
