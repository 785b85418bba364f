// Batch prediction jobs in the Training Jobs view: a group beside the training kinds, each
// job drawn like a training job (state icon, "Running · 5 min ago") and polled while active.
import * as vscode from 'vscode';
import type { BatchPredictionJob } from '../../cloud/batchPrediction';
import { getBatchPredictionJob, listBatchPredictionJobs } from '../../cloud/batchPrediction';
import { stateClause } from '../../cloud/trainingJobs';
import { contextPart, contextValue } from '../tree/contextValue';
import { PagedNode } from '../tree/pagedNode';
import type { PageOf } from '../tree/pager';
import { displayNameClause } from '../tree/treeFilter';
import type { ResourceRef, TreeHost, TreeNode } from '../tree/treeNode';
import { ResourceNode } from '../tree/treeNode';
import { JOB_FILTER_STATES } from './jobGroupNode';
import { duration, relativeAge, stateIcon, stateLabel } from './jobPresentation';

const ACTIVE = new Set(['queued', 'pending', 'running', 'cancelling', 'unknown']);

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

/** "Succeeded · 5 min ago · 120 predictions" */
export function batchJobDescription(job: BatchPredictionJob, now = Date.now()): string {
  const count = job.successfulCount !== undefined ? vscode.l10n.t('{0} predictions', job.successfulCount) : '';
  const failed = job.failedCount ? vscode.l10n.t('{0} failed', job.failedCount) : '';
  return [stateLabel(job.state), relativeAge(job.createTime, now), count, failed].filter(Boolean).join(' · ');
}

export class BatchJobNode extends ResourceNode<BatchPredictionJob> {
  constructor(host: TreeHost, parent: TreeNode, job: BatchPredictionJob) {
    super(host, parent, job, job.name);
  }

  get resource(): ResourceRef {
    return { name: this.data.name, displayName: this.data.displayName };
  }

  treeItem(): vscode.TreeItem {
    const job = this.data;
    const item = new vscode.TreeItem(job.displayName, vscode.TreeItemCollapsibleState.None);
    item.description = batchJobDescription(job);
    item.iconPath = stateIcon(job);
    item.contextValue = contextValue('batchJob', contextPart(job.category));
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const job = this.data;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escape(job.displayName)}** — ${escape(stateLabel(job.state))}\n\n\`${job.name}\`\n\n`);
    const lines = [vscode.l10n.t('Model: {0}', job.modelVersionId ? `${job.model}@${job.modelVersionId}` : job.model)];
    if (job.createTime) lines.push(vscode.l10n.t('Created: {0}', job.createTime.toLocaleString()));
    if (job.startTime) lines.push(vscode.l10n.t('Duration: {0}', duration((job.endTime?.getTime() ?? Date.now()) - job.startTime.getTime())));
    if (job.outputLocation) lines.push(vscode.l10n.t('Output: {0}', job.outputLocation));
    md.appendMarkdown(`${lines.map(escape).join('  \n')}\n\n`);
    if (job.error?.message) md.appendMarkdown(`$(error) ${escape(job.error.message)}\n`);
    md.supportThemeIcons = true;
    return md;
  }

  agedSince(): Date | undefined {
    return this.data.createTime;
  }

  isActive(): boolean {
    return ACTIVE.has(this.data.category);
  }

  async latest(): Promise<BatchPredictionJob> {
    return getBatchPredictionJob(await this.host.clients(), this.data.name);
  }

  protected fingerprint(job: BatchPredictionJob): string {
    return [job.state, job.displayName, job.updateTime?.getTime(), job.successfulCount, job.failedCount, job.error?.message].join('|');
  }
}

/** Batch prediction jobs, newest first, with the view's state and name filter. */
export class BatchJobGroupNode extends PagedNode<BatchPredictionJob> {
  constructor(host: TreeHost) {
    super(host, undefined, `${host.viewId}/batchPredictionJob`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Batch Predictions'), vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = contextValue('jobGroup', 'batchPredictionJob');
    return item;
  }

  protected async loadPage(pageToken: string | undefined): Promise<PageOf<BatchPredictionJob>> {
    const { state, text } = this.host.filter;
    const categories = JOB_FILTER_STATES.find((s) => s.value === state)?.categories ?? [];
    const filter = [stateClause('customJob', categories), displayNameClause(text)].filter(Boolean).join(' AND ');
    return listBatchPredictionJobs(await this.host.clients(), { pageToken, filter: filter || undefined });
  }

  protected keyOf(job: BatchPredictionJob): string {
    return job.name;
  }

  protected createChild(job: BatchPredictionJob): BatchJobNode {
    return new BatchJobNode(this.host, this, job);
  }

  protected emptyLabel(): string {
    return vscode.l10n.t('No batch prediction jobs in this project and region.');
  }
}
