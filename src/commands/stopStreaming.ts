import * as vscode from 'vscode';
import type { LogStreams } from '../views/logs/logStreams';
import type { JobTarget } from './showLogs';
import { jobNameOf } from './showLogs';
import type { UserInput } from './userInput';

/**
 * `vertexAI.stopStreaming(job?)`: stops following a job's log (its channel stays). Without a
 * job it stops the only stream, or asks which one. Returns the job whose stream stopped.
 */
export async function stopStreaming(logs: LogStreams, ui: UserInput, target?: JobTarget): Promise<string | undefined> {
  const active = logs.streaming();
  let name = target === undefined ? undefined : jobNameOf(target);
  if (target !== undefined && !name) throw new Error(vscode.l10n.t('Choose a custom job or a hyperparameter tuning job.'));
  if (name === undefined) {
    if (active.length === 0) throw new Error(vscode.l10n.t('No job logs are streaming.'));
    name = active.length === 1 ? active[0] : await ui.pick(active.map((job) => ({ label: job.slice(job.lastIndexOf('/') + 1), detail: job, value: job })), { title: vscode.l10n.t('Stop Streaming Logs') });
    if (name === undefined) return undefined;
  }
  if (!logs.stop(name)) throw new Error(vscode.l10n.t('The logs of {0} are not streaming.', name));
  return name;
}
