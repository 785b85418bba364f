import * as vscode from 'vscode';
import { getTrainingJob } from '../../cloud/trainingJobs';
import type { JobKind, TrainingJob } from '../../cloud/trainingJobTypes';
import { contextPart, contextValue } from '../tree/contextValue';
import type { ResourceRef, TreeHost, TreeNode } from '../tree/treeNode';
import { ResourceNode } from '../tree/treeNode';
import { jobDescription, jobTooltip, stateIcon } from './jobPresentation';
import { TrialNode, WorkerPoolNode } from './jobChildNodes';

const KIND_PART: Record<JobKind, string> = { customJob: 'custom', hpTuningJob: 'hpTuning', trainingPipeline: 'trainingPipeline', pipelineJob: 'pipeline' };

/** A state that ends by itself: the tree polls the job until it leaves it. */
const ACTIVE = new Set(['queued', 'pending', 'running', 'cancelling', 'unknown']);

export class JobNode extends ResourceNode<TrainingJob> {
  constructor(host: TreeHost, parent: TreeNode, job: TrainingJob) {
    super(host, parent, job, job.name);
  }

  get resource(): ResourceRef {
    return { name: this.data.name, displayName: this.data.displayName };
  }

  treeItem(): vscode.TreeItem {
    const job = this.data;
    const leaf = !job.workerPools.length && !job.hpTuning?.trials.length;
    const item = new vscode.TreeItem(job.displayName, leaf ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.description = jobDescription(job);
    item.iconPath = stateIcon(job);
    item.contextValue = contextValue('job', KIND_PART[job.kind], contextPart(job.category));
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return jobTooltip(this.data);
  }

  async children(): Promise<TreeNode[]> {
    const pools = this.data.workerPools.map((pool) => new WorkerPoolNode(this.host, this, pool));
    const hp = this.data.hpTuning;
    if (!hp) return pools;
    // Newest trial first, as the jobs are.
    const trials = [...hp.trials].reverse().map((t) => new TrialNode(this.host, this, t, hp));
    return [...pools, ...trials];
  }

  agedSince(): Date | undefined {
    return this.data.createTime;
  }

  isActive(): boolean {
    return ACTIVE.has(this.data.category);
  }

  async latest(): Promise<TrainingJob> {
    return getTrainingJob(await this.host.clients(), this.data.name);
  }

  protected fingerprint(job: TrainingJob): string {
    const trials = job.hpTuning?.trials.map((t) => `${t.id}:${t.state}:${t.metric ?? ''}`).join(',') ?? '';
    return [job.state, job.displayName, job.updateTime?.getTime(), job.endTime?.getTime(), job.error?.message, trials].join('|');
  }
}
