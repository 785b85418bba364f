import * as vscode from 'vscode';
import { listTrainingJobs, stateClause } from '../../cloud/trainingJobs';
import type { JobKind, StateCategory, TrainingJob } from '../../cloud/trainingJobTypes';
import type { VertexClients } from '../../cloud/vertexClients';
import { contextValue } from '../tree/contextValue';
import { PagedNode } from '../tree/pagedNode';
import type { PageOf } from '../tree/pager';
import { displayNameClause } from '../tree/treeFilter';
import type { TreeHost } from '../tree/treeNode';
import { JobNode } from './jobNode';

/** Filter choices of the Training Jobs view, and the states each one covers. */
export const JOB_FILTER_STATES: readonly { value: string; label: string; categories: StateCategory[] }[] = [
  { value: 'active', label: vscode.l10n.t('Queued, pending or running'), categories: ['queued', 'pending', 'running'] },
  { value: 'running', label: vscode.l10n.t('Running'), categories: ['running'] },
  { value: 'succeeded', label: vscode.l10n.t('Succeeded'), categories: ['succeeded'] },
  { value: 'failed', label: vscode.l10n.t('Failed'), categories: ['failed'] },
  { value: 'cancelled', label: vscode.l10n.t('Cancelled'), categories: ['cancelling', 'cancelled'] },
];

function groupLabel(kind: JobKind): string {
  switch (kind) {
    case 'customJob':
      return vscode.l10n.t('Custom Jobs');
    case 'hpTuningJob':
      return vscode.l10n.t('Hyperparameter Tuning Jobs');
    case 'trainingPipeline':
      return vscode.l10n.t('Training Pipelines');
    case 'pipelineJob':
      return vscode.l10n.t('Pipeline Runs');
  }
}

function emptyText(kind: JobKind): string {
  switch (kind) {
    case 'customJob':
      return vscode.l10n.t('No custom jobs in this project and region.');
    case 'hpTuningJob':
      return vscode.l10n.t('No hyperparameter tuning jobs in this project and region.');
    case 'trainingPipeline':
      return vscode.l10n.t('No training pipelines in this project and region.');
    case 'pipelineJob':
      return vscode.l10n.t('No pipeline runs in this project and region.');
  }
}

/** One kind of job, paged newest first, with the view's filter applied by the API. */
export class JobGroupNode extends PagedNode<TrainingJob> {
  constructor(
    host: TreeHost,
    readonly kind: JobKind,
    private readonly expanded: boolean,
  ) {
    super(host, undefined, `${host.viewId}/${kind}`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(groupLabel(this.kind), this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(this.kind === 'pipelineJob' || this.kind === 'trainingPipeline' ? 'type-hierarchy' : this.kind === 'hpTuningJob' ? 'settings' : 'beaker');
    item.contextValue = contextValue('jobGroup', this.kind);
    return item;
  }

  protected async loadPage(pageToken: string | undefined): Promise<PageOf<TrainingJob>> {
    const { state, text } = this.host.filter;
    const categories = JOB_FILTER_STATES.find((s) => s.value === state)?.categories ?? [];
    const filter = [stateClause(this.kind, categories), displayNameClause(text)].filter(Boolean).join(' AND ');
    const options = { pageToken, filter: filter || undefined };
    const list = (clients: VertexClients): Promise<PageOf<TrainingJob>> => listTrainingJobs(clients, this.kind, options);
    // The group shown expanded is what users see first: its first page goes ahead of other views'.
    if (this.expanded && pageToken === undefined) return this.host.session.lead(list);
    return list(await this.host.clients());
  }

  protected keyOf(job: TrainingJob): string {
    return job.name;
  }

  protected createChild(job: TrainingJob): JobNode {
    return new JobNode(this.host, this, job);
  }

  protected emptyLabel(): string {
    return emptyText(this.kind);
  }
}
