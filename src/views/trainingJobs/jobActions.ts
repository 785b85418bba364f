// Cancel and Delete for training jobs. Each takes its target (node, resource name, or node
// id) as an argument and confirms through the UserInput seam.
import * as vscode from 'vscode';
import { toApiError } from '../../cloud/apiErrors';
import { cancelTrainingJob, deleteTrainingJob, getTrainingJob, jobKindOf } from '../../cloud/trainingJobs';
import type { UserInput } from '../../commands/userInput';
import type { ItemTarget } from '../tree/itemCommands';
import { PagedNode } from '../tree/pagedNode';
import { isResourceNode, TreeNode } from '../tree/treeNode';
import type { ResourceViewRegistry } from '../tree/viewRegistry';
import { JobNode } from './jobNode';

interface Resolved {
  name: string;
  displayName: string;
  node?: JobNode;
}

function resolveJob(views: ResourceViewRegistry, target: ItemTarget | undefined): Resolved {
  if (target === undefined) throw new Error(vscode.l10n.t('Choose a job in the Training Jobs view first.'));
  const node = target instanceof TreeNode ? target : views.findNode(typeof target === 'string' ? target : target.name);
  if (node instanceof JobNode) return { name: node.data.name, displayName: node.data.displayName, node };
  const name = isResourceNode(node) ? node.resource.name : typeof target === 'string' ? target : 'name' in target ? target.name : '';
  if (!jobKindOf(name)) throw new Error(vscode.l10n.t('{0} is not a training job.', name || String(target)));
  return { name, displayName: name };
}

/** The API's words for why an action failed, and what to do about it. */
function actionError(action: string, displayName: string, err: unknown): Error {
  const api = toApiError(err);
  if (!api) return err instanceof Error ? err : new Error(String(err));
  const hint =
    api.status === 'FAILED_PRECONDITION'
      ? vscode.l10n.t(' Cancel the job first, or wait until it ends.')
      : api.status === 'PERMISSION_DENIED'
        ? vscode.l10n.t(' Your account needs the Vertex AI User role on this project.')
        : '';
  return new Error(vscode.l10n.t('Could not {0} {1}: {2}{3}', action, displayName, api.message, api.message.includes('Cancel it first') ? '' : hint));
}

/** Cancels after confirmation; the node then follows CANCELLING → CANCELLED by polling. True when cancelled. */
export async function cancelJob(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<boolean> {
  const job = resolveJob(views, target);
  const ok = await ui.confirm(vscode.l10n.t('Cancel the job "{0}"? It stops on every replica and cannot be resumed.', job.displayName), vscode.l10n.t('Cancel Job'));
  if (!ok) return false;
  const clients = await views.session.clients();
  try {
    await cancelTrainingJob(clients, job.name);
  } catch (err) {
    throw actionError(vscode.l10n.t('cancel'), job.displayName, err);
  }
  if (job.node) {
    const fresh = await getTrainingJob(clients, job.name).catch(() => undefined);
    if (fresh && job.node.update(fresh)) job.node.host.redraw(job.node);
    views.tree(job.node.host.viewId).pollSoon();
  }
  return true;
}

/** Deletes after confirmation, showing "Deleting…" on the node until the operation ends. True when deleted. */
export async function deleteJob(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<boolean> {
  const job = resolveJob(views, target);
  const ok = await ui.confirm(vscode.l10n.t('Delete the job "{0}"? This cannot be undone.', job.displayName), vscode.l10n.t('Delete Job'));
  if (!ok) return false;
  const clients = await views.session.clients();
  const run = () =>
    deleteTrainingJob(clients, job.name).catch((err: unknown) => {
      throw actionError(vscode.l10n.t('delete'), job.displayName, err);
    });
  const node = job.node;
  if (!node) {
    await run();
    return true;
  }
  await node.host.withTransientState(node, vscode.l10n.t('Deleting…'), run);
  if (node.parent instanceof PagedNode) node.parent.removeChild(node.id);
  else node.host.reload(node.parent);
  return true;
}
