import * as vscode from 'vscode';
import { deleteDataset } from '../../cloud/datasets';
import { consoleUrl } from '../../cloud/resourceNames';
import type { UserInput } from '../../commands/userInput';
import type { ItemTarget } from '../tree/itemCommands';
import type { DeleteOutcome } from '../tree/resourceDelete';
import { deleteResource, resolveResource } from '../tree/resourceDelete';
import type { ResourceViewRegistry } from '../tree/viewRegistry';
import { DATASETS_VIEW } from './datasetsTreeProvider';

const isDataset = (name: string) => /^projects\/[^/]+\/locations\/[^/]+\/datasets\/[^/]+$/.test(name);

/** Deletes a dataset, with its data items and annotations, after confirmation. */
export async function deleteDatasetCommand(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<DeleteOutcome> {
  const resource = resolveResource(views, DATASETS_VIEW, target, isDataset, vscode.l10n.t('dataset'));
  return deleteResource(views, ui, {
    resource,
    confirm: { message: vscode.l10n.t('Delete the dataset "{0}" with its data items and annotations? This cannot be undone.', resource.displayName), action: vscode.l10n.t('Delete Dataset') },
    remove: (clients) => deleteDataset(clients, resource.name),
    async blocked(_clients, apiMessage) {
      const url = consoleUrl(resource.name);
      return {
        message: vscode.l10n.t('Could not delete {0}: {1}', resource.displayName, apiMessage),
        actions: url ? [{ title: vscode.l10n.t('Open in Cloud Console'), run: () => vscode.env.openExternal(vscode.Uri.parse(url)) }] : [],
      };
    },
  });
}
