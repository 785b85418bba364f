import * as vscode from 'vscode';
import type { HpTuningInfo, Trial, WorkerPool } from '../../cloud/trainingJobTypes';
import { contextPart, contextValue } from '../tree/contextValue';
import type { TreeHost, TreeNode } from '../tree/treeNode';
import { TreeNode as BaseNode } from '../tree/treeNode';
import { poolHardware, poolRole } from './jobPresentation';

export class WorkerPoolNode extends BaseNode {
  constructor(host: TreeHost, parent: TreeNode, readonly pool: WorkerPool) {
    super(host, parent, `${parent.id}/workerPools/${pool.index}`);
  }

  treeItem(): vscode.TreeItem {
    const { pool } = this;
    const item = new vscode.TreeItem(vscode.l10n.t('Pool {0}: {1}', pool.index, poolRole(pool.index)), vscode.TreeItemCollapsibleState.None);
    item.description = [`${pool.replicaCount} × ${pool.machineType}`, poolHardware(pool) !== pool.machineType ? poolHardware(pool) : '', pool.image ?? ''].filter(Boolean).join(' · ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`${vscode.l10n.t('Machine')}: \`${pool.machineType}\`  \n${vscode.l10n.t('Replicas')}: ${pool.replicaCount}  \n`);
    if (pool.image) md.appendMarkdown(`${vscode.l10n.t('Image')}: \`${pool.image}\`  \n`);
    if (pool.pythonModule) md.appendMarkdown(`${vscode.l10n.t('Python module')}: \`${pool.pythonModule}\`\n`);
    item.tooltip = md;
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = contextValue('workerPool');
    return item;
  }
}

function formatValue(value: string | number | boolean): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(4))) : String(value);
}

export class TrialNode extends BaseNode {
  constructor(host: TreeHost, parent: TreeNode, readonly trial: Trial, private readonly study: HpTuningInfo) {
    super(host, parent, `${parent.id}/trials/${trial.id}`);
  }

  get isBest(): boolean {
    return this.study.bestTrialId === this.trial.id;
  }

  treeItem(): vscode.TreeItem {
    const { trial } = this;
    const label = this.isBest ? vscode.l10n.t('Trial {0} (best)', trial.id) : vscode.l10n.t('Trial {0}', trial.id);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    const metric = trial.metric !== undefined ? `${this.study.metricId ?? vscode.l10n.t('metric')}=${formatValue(trial.metric)}` : trial.state.toLowerCase();
    item.description = [metric, trial.parameters.map((p) => `${p.id}=${formatValue(p.value)}`).join(', ')].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      [`**${label}** — ${trial.state}`, ...trial.parameters.map((p) => `- \`${p.id}\` = ${formatValue(p.value)}`), trial.metric !== undefined ? `\n${metric}` : ''].join('\n'),
    );
    item.iconPath = this.isBest
      ? new vscode.ThemeIcon('star-full', new vscode.ThemeColor('charts.yellow'))
      : trial.state === 'SUCCEEDED'
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : trial.state === 'INFEASIBLE'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.orange'))
          : new vscode.ThemeIcon('loading~spin');
    item.contextValue = contextValue('trial', contextPart(trial.state), this.isBest && 'best');
    return item;
  }
}
