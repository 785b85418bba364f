import * as vscode from 'vscode';
import { listTrainingJobs } from '../cloud/trainingJobs';
import type { TrainingJob } from '../cloud/trainingJobTypes';
import { getJobStatus, parseJobName } from '../logs/job-status';
import type { FollowRequest, LogStreamHandle, LogStreams } from '../views/logs/logStreams';
import type { SessionClients } from '../views/tree/sessionClients';
import type { PickItem, UserInput } from './userInput';

/** A job as commands receive it: its resource name, a Training Jobs node, or `{ name }`. */
export type JobTarget = string | { name?: unknown; resource?: { name?: unknown }; parent?: unknown };

/** The job a target stands for; a node below a job (a worker pool) stands for its job. */
export function jobNameOf(target: unknown): string | undefined {
  for (let node = target, depth = 0; node !== undefined && node !== null && depth < 4; depth++) {
    if (typeof node === 'string') return parseJobName(node) ? node : undefined;
    if (typeof node !== 'object') return undefined;
    const n = node as { name?: unknown; resource?: { name?: unknown }; parent?: unknown };
    for (const candidate of [n.resource?.name, n.name]) {
      if (typeof candidate === 'string' && parseJobName(candidate)) return candidate;
    }
    node = n.parent;
  }
  return undefined;
}

function requireJob(target: JobTarget): string {
  const name = jobNameOf(target);
  if (!name) throw new Error(vscode.l10n.t('Logs are available for custom jobs and hyperparameter tuning jobs. Choose one in the Training Jobs view.'));
  return name;
}

async function pickJob(ui: UserInput, session: SessionClients): Promise<string | undefined> {
  const clients = await session.clients();
  const pages = await Promise.all([listTrainingJobs(clients, 'customJob'), listTrainingJobs(clients, 'hpTuningJob')]);
  const active = (j: TrainingJob): number => (['running', 'pending', 'queued', 'cancelling'].includes(j.category) ? 0 : 1);
  const jobs = pages.flatMap((p) => p.items).sort((a, b) => active(a) - active(b) || (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0));
  if (jobs.length === 0) throw new Error(vscode.l10n.t('There are no training jobs in {0} to show logs of.', `${clients.connection.project} · ${clients.connection.region}`));
  const items: PickItem<string>[] = jobs.map((j) => ({ label: j.displayName, description: `${j.category} · ${j.id}`, detail: j.name, value: j.name }));
  return ui.pick(items, { title: vscode.l10n.t('Show Logs of a Training Job'), placeholder: vscode.l10n.t('Running jobs first') });
}

/**
 * `vertexAI.showLogs(job?, { replica? })`: opens the job's channel with its history, then
 * follows it while it runs. Without a job it asks for one. Returns the stream, for callers
 * that wait on it (tests, the bench).
 */
export async function showLogs(logs: LogStreams, session: SessionClients, ui: UserInput, target?: JobTarget, request?: FollowRequest): Promise<LogStreamHandle | undefined> {
  const name = target === undefined ? await pickJob(ui, session) : requireJob(target);
  return name ? logs.follow(name, request) : undefined;
}

/** `vertexAI.showReplicaLogs(job?, replica?)`: the same, for one replica, picked from the job's pools when not given. */
export async function showReplicaLogs(logs: LogStreams, session: SessionClients, ui: UserInput, target?: JobTarget, replica?: string): Promise<LogStreamHandle | undefined> {
  const name = target === undefined ? await pickJob(ui, session) : requireJob(target);
  if (!name) return undefined;
  let chosen = replica;
  if (chosen === undefined) {
    const ref = parseJobName(name);
    const status = ref ? await getJobStatus(await session.clients(), ref) : undefined;
    const items: PickItem<string>[] = [
      { label: vscode.l10n.t('All replicas'), value: '' },
      ...(status?.replicas ?? []).map((r) => ({ label: r, description: r.startsWith('workerpool0-') ? vscode.l10n.t('primary') : undefined, value: r })),
    ];
    chosen = await ui.pick(items, { title: vscode.l10n.t('Show Logs of One Replica'), placeholder: status?.displayName });
    if (chosen === undefined) return undefined;
  }
  return logs.follow(name, { replica: chosen || undefined });
}
