import type * as vscode from 'vscode';
import type { CreatedJob } from '../cloud/customJobs-submit';
import type { ResourceViews } from '../views/registerViews';

const TRAINING_JOBS_VIEW = 'vertexAI.trainingJobs';

/** The Training Jobs group a created job is listed in (see views/trainingJobs/jobGroupNode.ts). */
function groupId(job: CreatedJob): string {
  return `${TRAINING_JOBS_VIEW}/${job.kind === 'customJob' ? 'customJob' : 'hpTuningJob'}`;
}

/**
 * The hook after a submission: the new job is listed and selected in the Training Jobs view
 * (when the view shows the job's project and region), and its logs start streaming.
 */
export async function afterSubmit(views: ResourceViews, followLogs: (jobName: string) => Promise<unknown>, job: CreatedJob, log: vscode.LogOutputChannel): Promise<void> {
  const following = followLogs(job.name).catch((err: unknown) => log.warn(`Could not follow the logs of ${job.name}: ${errorText(err)}`));
  try {
    const tree = views.tree(TRAINING_JOBS_VIEW);
    await tree.getChildren(undefined);
    const group = tree.findNode(groupId(job));
    if (group === undefined) return;
    tree.reload(group);
    await tree.getChildren(group);
    const node = tree.findNode(job.name);
    if (node !== undefined) await tree.view.reveal(node, { select: true, focus: false });
    tree.pollSoon();
  } catch (err) {
    log.warn(`Could not show ${job.name} in the Training Jobs view: ${errorText(err)}`);
  }
  await following;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
