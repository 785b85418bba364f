import * as vscode from 'vscode';
import { consoleUrl } from '../../cloud/resourceNames';
import type { JobStatus } from '../../logs/job-status';

export interface JobNotice {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
}

/** "Training job X succeeded." with Show Logs and Open in Console; failures as errors. Returns what it showed. */
export function notifyJobFinished(status: JobStatus, showLogs: () => void): JobNotice {
  const name = status.displayName || status.name;
  const showLogsAction = vscode.l10n.t('Show Logs');
  const consoleAction = vscode.l10n.t('Open in Console');
  const url = consoleUrl(status.name);
  const actions = url ? [showLogsAction, consoleAction] : [showLogsAction];
  let notice: JobNotice;
  switch (status.state) {
    case 'JOB_STATE_SUCCEEDED':
      notice = { severity: 'info', message: vscode.l10n.t('Training job "{0}" succeeded.', name), actions };
      break;
    case 'JOB_STATE_PARTIALLY_SUCCEEDED':
      notice = { severity: 'warning', message: vscode.l10n.t('Training job "{0}" partially succeeded.', name), actions };
      break;
    case 'JOB_STATE_CANCELLED':
      notice = { severity: 'warning', message: vscode.l10n.t('Training job "{0}" was cancelled.', name), actions };
      break;
    default: {
      const why = status.error ?? status.state.replace(/^JOB_STATE_/, '');
      notice = { severity: 'error', message: vscode.l10n.t('Training job "{0}" failed: {1}', name, why), actions };
    }
  }
  const show = notice.severity === 'info' ? vscode.window.showInformationMessage : notice.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  void Promise.resolve(show(notice.message, ...actions)).then((choice) => {
    if (choice === showLogsAction) showLogs();
    else if (choice === consoleAction && url) void vscode.env.openExternal(vscode.Uri.parse(url));
  });
  return notice;
}
