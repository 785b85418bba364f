import * as vscode from 'vscode';
import { contextValue } from './contextValue';
import type { TreeHost } from './treeNode';
import { TreeNode } from './treeNode';
import { classifyTreeError } from './treeProblems';
import { isFiltered } from './treeFilter';

export interface MessageOptions {
  kind: string;
  label: string;
  icon?: vscode.ThemeIcon;
  tooltip?: string;
  description?: string;
  command?: vscode.Command;
}

/** A leaf that says something (empty, error) or offers the action that fixes it. */
export class MessageNode extends TreeNode {
  constructor(
    host: TreeHost,
    parent: TreeNode | undefined,
    readonly options: MessageOptions,
  ) {
    super(host, parent, `${parent?.id ?? host.viewId}/~${options.kind}`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.options.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = this.options.icon;
    item.tooltip = this.options.tooltip ?? this.options.label;
    item.description = this.options.description;
    item.command = this.options.command;
    item.contextValue = contextValue('message', this.options.kind);
    return item;
  }
}

/** The "Load more…" node after a page; its parent loads the next page. */
export class LoadMoreNode extends TreeNode {
  constructor(
    host: TreeHost,
    readonly pagedParent: TreeNode & { loadMore(): Promise<unknown> },
    private readonly loadedCount: number,
  ) {
    super(host, pagedParent, `${pagedParent.id}/~loadMore`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('more');
    item.description = vscode.l10n.t('{0} shown', this.loadedCount);
    item.command = { command: 'vertexAI.loadMore', title: vscode.l10n.t('Load more…'), arguments: [this] };
    item.contextValue = contextValue('loadMore');
    return item;
  }
}

function action(host: TreeHost, parent: TreeNode | undefined, kind: string, label: string, icon: string, command: vscode.Command): MessageNode {
  return new MessageNode(host, parent, { kind, label, icon: new vscode.ThemeIcon(icon), command });
}

function retryNode(host: TreeHost, parent: TreeNode | undefined): MessageNode {
  const command = parent
    ? { command: 'vertexAI.refreshItem', title: vscode.l10n.t('Retry'), arguments: [parent] }
    : { command: 'vertexAI.refresh', title: vscode.l10n.t('Retry') };
  return action(host, parent, 'retry', vscode.l10n.t('Retry'), 'refresh', command);
}

function openUrl(url: string, title: string): vscode.Command {
  return { command: 'vscode.open', title, arguments: [vscode.Uri.parse(url)] };
}

/** Error nodes for a failed load under `parent` (undefined: the view's root), each with its fix. */
export function problemNodes(host: TreeHost, parent: TreeNode | undefined, err: unknown, project: string | undefined): TreeNode[] {
  const problem = classifyTreeError(err);
  const red = new vscode.ThemeColor('errorForeground');
  const say = (label: string) =>
    new MessageNode(host, parent, { kind: `problem.${problem.kind}`, label, icon: new vscode.ThemeIcon('error', red), tooltip: `${label}\n\n${problem.message}` });
  const projectQuery = project ? `?project=${encodeURIComponent(project)}` : '';
  switch (problem.kind) {
    case 'sign-in':
      return [
        say(vscode.l10n.t('Google Cloud did not accept your credentials: {0}', problem.message)),
        action(host, parent, 'signIn', vscode.l10n.t('Sign in to Google Cloud'), 'sign-in', { command: 'vertexAI.signIn', title: vscode.l10n.t('Sign In') }),
      ];
    case 'permission-denied':
      return [
        say(vscode.l10n.t('Permission denied: {0} Ask for a Vertex AI role (e.g. Vertex AI Viewer) on project {1}.', problem.message, project ?? '')),
        action(host, parent, 'openIam', vscode.l10n.t('Open IAM in Cloud Console'), 'link-external', openUrl(`https://console.cloud.google.com/iam-admin/iam${projectQuery}`, vscode.l10n.t('Open IAM'))),
        retryNode(host, parent),
      ];
    case 'api-disabled':
      return [
        say(vscode.l10n.t('The Vertex AI API is not enabled in project {0}.', project ?? '')),
        action(
          host,
          parent,
          'enableApi',
          vscode.l10n.t('Enable the Vertex AI API'),
          'link-external',
          openUrl(problem.activationUrl ?? `https://console.cloud.google.com/apis/library/aiplatform.googleapis.com${projectQuery}`, vscode.l10n.t('Enable API')),
        ),
        retryNode(host, parent),
      ];
    case 'unreachable':
      return [say(vscode.l10n.t('Vertex AI could not be reached: {0}', problem.message)), retryNode(host, parent)];
    case 'error':
      return [say(vscode.l10n.t('Could not load: {0}', problem.message)), retryNode(host, parent)];
  }
}

/** What an empty list shows; with a filter on, the way to clear it. */
export function emptyNodes(host: TreeHost, parent: TreeNode | undefined, emptyLabel: string): TreeNode[] {
  if (!isFiltered(host.filter)) {
    return [new MessageNode(host, parent, { kind: 'empty', label: emptyLabel, icon: new vscode.ThemeIcon('info') })];
  }
  return [
    new MessageNode(host, parent, { kind: 'empty', label: vscode.l10n.t('Nothing matches the filter.'), icon: new vscode.ThemeIcon('filter') }),
    action(host, parent, 'clearFilter', vscode.l10n.t('Clear filter'), 'clear-all', { command: `${host.viewId}.clearFilter`, title: vscode.l10n.t('Clear Filter') }),
  ];
}
