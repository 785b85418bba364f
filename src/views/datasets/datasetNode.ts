import * as vscode from 'vscode';
import type { Dataset } from '../../cloud/datasets';
import { contextPart, contextValue } from '../tree/contextValue';
import type { ResourceRef, TreeHost, TreeNode } from '../tree/treeNode';
import { ResourceNode } from '../tree/treeNode';
import { relativeAge } from '../trainingJobs/jobPresentation';

const ICONS: Record<string, string> = { image: 'file-media', tabular: 'table', text: 'symbol-text', video: 'device-camera-video', 'time series': 'graph-line' };

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

export function itemCount(d: Dataset): string {
  if (d.itemCount === undefined) return '';
  return d.itemCount === 1 ? vscode.l10n.t('1 item') : vscode.l10n.t('{0} items', d.itemCount.toLocaleString(vscode.env.language));
}

/** "image · 3,670 items · 30 d ago" */
export function datasetDescription(d: Dataset, now = Date.now()): string {
  return [d.dataType ?? vscode.l10n.t('unknown type'), itemCount(d), relativeAge(d.createTime, now)].filter(Boolean).join(' · ');
}

export function datasetTooltip(d: Dataset): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(d.displayName)}**\n\n\`${d.name}\`\n\n`);
  if (d.description) md.appendMarkdown(`${escape(d.description)}\n\n`);
  const lines = [escape(vscode.l10n.t('Type: {0}', d.dataType ?? d.metadataSchemaUri))];
  const count = itemCount(d);
  if (count) lines.push(escape(vscode.l10n.t('Data items: {0}', count)));
  if (d.createTime) lines.push(escape(vscode.l10n.t('Created: {0}', d.createTime.toLocaleString())));
  if (d.updateTime) lines.push(escape(vscode.l10n.t('Updated: {0}', d.updateTime.toLocaleString())));
  md.appendMarkdown(`${lines.join('  \n')}\n\n`);
  const labels = Object.entries(d.labels);
  if (labels.length) md.appendMarkdown(`${vscode.l10n.t('Labels')}: ${labels.map(([k, v]) => `\`${k}=${v}\``).join(' ')}\n`);
  return md;
}

export class DatasetNode extends ResourceNode<Dataset> {
  constructor(host: TreeHost, parent: TreeNode | undefined, dataset: Dataset) {
    super(host, parent, dataset, dataset.name);
  }

  get resource(): ResourceRef {
    return { name: this.data.name, displayName: this.data.displayName };
  }

  treeItem(): vscode.TreeItem {
    const d = this.data;
    const item = new vscode.TreeItem(d.displayName, vscode.TreeItemCollapsibleState.None);
    item.description = datasetDescription(d);
    item.tooltip = datasetTooltip(d);
    item.iconPath = new vscode.ThemeIcon(ICONS[d.dataType ?? ''] ?? 'database');
    item.contextValue = contextValue('dataset', d.dataType ? contextPart(d.dataType) : undefined);
    return item;
  }

  agedSince(): Date | undefined {
    return this.data.createTime;
  }
}
