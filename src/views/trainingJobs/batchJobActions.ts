// Cancel and Delete for batch prediction jobs, as training jobs have them: the target (node,
// resource name or {name}) comes as an argument and a confirmation goes through the UserInput seam.
import * as vscode from 'vscode';
import { toApiError } from '../../cloud/apiErrors';
import { cancelBatchPredictionJob, deleteBatchPredictionJob, getBatchPredictionJob } from '../../cloud/batchPrediction';
import type { UserInput } from '../../commands/userInput';
import type { ItemTarget } from '../tree/itemCommands';
import type { DeleteOutcome } from '../tree/resourceDelete';
import { deleteResource, resolveResource } from '../tree/resourceDelete';
import type { ResourceViewRegistry } from '../tree/viewRegistry';
import { BatchJobNode } from './batchJobNodes';
import { TRAINING_JOBS_VIEW } from './trainingJobsTreeProvider';

const BATCH_JOB = /^projects\/[^/]+\/locations\/[^/]+\/batchPredictionJobs\/[^/]+$/;

function resolveBatchJob(views: ResourceViewRegistry, target: ItemTarget | undefined) {
  return resolveResource(views, TRAINING_JOBS_VIEW, target, (name) => BATCH_JOB.test(name), vscode.l10n.t('batch prediction job'));
}

/** `vertexAI.cancelBatchPrediction(job)`: cancels after confirmation; the node then follows CANCELLING → CANCELLED. True when cancelled. */
export async function cancelBatchJob(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<boolean> {
  const job = resolveBatchJob(views, target);
  const ok = await ui.confirm(vscode.l10n.t('Cancel the batch prediction job "{0}"? Predictions already written stay; the rest are not made.', job.displayName), vscode.l10n.t('Cancel Job'));
  if (!ok) return false;
  const clients = await views.session.clients();
  try {
    await cancelBatchPredictionJob(clients, job.name);
  } catch (err) {
    const api = toApiError(err);
    if (!api) throw err;
    throw new Error(vscode.l10n.t('Could not cancel {0}: {1}', job.displayName, api.message));
  }
  const node = job.node;
  if (node instanceof BatchJobNode) {
    const fresh = await getBatchPredictionJob(clients, job.name).catch(() => undefined);
    if (fresh && node.update(fresh)) node.host.redraw(node);
    views.tree(TRAINING_JOBS_VIEW).pollSoon();
  }
  return true;
}

/**
 * `vertexAI.deleteBatchPrediction(job)`: deletes a finished job after confirmation, "Deleting…"
 * on its node while the operation runs. A job still running is refused by the API; the message
 * then offers to cancel it.
 */
export function deleteBatchJob(views: ResourceViewRegistry, ui: UserInput, target: ItemTarget | undefined): Promise<DeleteOutcome> {
  const job = resolveBatchJob(views, target);
  return deleteResource(views, ui, {
    resource: job,
    confirm: { message: vscode.l10n.t('Delete the batch prediction job "{0}"? Its predictions in Cloud Storage or BigQuery stay.', job.displayName), action: vscode.l10n.t('Delete Job') },
    remove: (clients) => deleteBatchPredictionJob(clients, job.name),
    blocked: async (_clients, apiMessage) => ({
      message: vscode.l10n.t('Could not delete {0}: {1} Cancel it first, or wait until it ends.', job.displayName, apiMessage),
      actions: [{ title: vscode.l10n.t('Cancel Job'), run: () => vscode.commands.executeCommand('vertexAI.cancelBatchPrediction', job.name) }],
    }),
  });
}
