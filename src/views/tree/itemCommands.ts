// The item actions every resource view shares. Each takes its target as an argument: the
// tree node (from menus), a resource name, or a node id (from tests, tasks, keybindings).
import * as vscode from 'vscode';
import { consoleUrl, resourceId } from '../../cloud/resourceNames';
import type { UserInput } from '../../commands/userInput';
import { LoadMoreNode } from './messageNodes';
import { PagedNode } from './pagedNode';
import type { DetailsFormat } from './resourceDocument';
import type { TreeFilterValue } from './treeFilter';
import { promptFilter } from './treeFilter';
import { isResourceNode, TreeNode } from './treeNode';
import type { ResourceViewRegistry } from './viewRegistry';

export type ItemTarget = TreeNode | string | { name: string };

function resourceName(target: ItemTarget | undefined): string {
  if (target === undefined) throw new Error(vscode.l10n.t('Choose a resource in a Vertex AI view first.'));
  if (typeof target === 'string') return target;
  if (isResourceNode(target)) return target.resource.name;
  if (target instanceof TreeNode) throw new Error(vscode.l10n.t('This item is not a Vertex AI resource.'));
  return target.name;
}

export async function showDetails(views: ResourceViewRegistry, target: ItemTarget | undefined, format: DetailsFormat = 'yaml'): Promise<vscode.TextEditor> {
  return views.documents.show(resourceName(target), format);
}

export async function openInConsole(target: ItemTarget | undefined): Promise<boolean> {
  const name = resourceName(target);
  const url = consoleUrl(name);
  if (!url) throw new Error(vscode.l10n.t('The Cloud Console has no page for {0}.', name));
  return vscode.env.openExternal(vscode.Uri.parse(url));
}

export async function copyResourceName(target: ItemTarget | undefined): Promise<string> {
  const name = resourceName(target);
  await vscode.env.clipboard.writeText(name);
  return name;
}

export async function copyResourceId(target: ItemTarget | undefined): Promise<string> {
  const id = resourceId(resourceName(target));
  await vscode.env.clipboard.writeText(id);
  return id;
}

/**
 * Asks the API again for one node (or everything when the target is unknown or absent). A leaf
 * that cannot fetch itself shows what its parent fetched, so the nearest ancestor that can
 * fetch reloads (or the whole view).
 */
export async function refreshItem(views: ResourceViewRegistry, target: ItemTarget | undefined): Promise<void> {
  const node = target instanceof TreeNode ? target : target === undefined ? undefined : views.findNode(typeof target === 'string' ? target : target.name);
  if (!node) return views.refreshAll();
  let fetcher: TreeNode | undefined = node;
  while (fetcher && !fetcher.invalidate && !(isResourceNode(fetcher) && fetcher.latest)) fetcher = fetcher.parent;
  if (!fetcher) return node.host.reload();
  if (isResourceNode(fetcher) && fetcher.latest) fetcher.update(await fetcher.latest());
  fetcher.host.reload(fetcher);
}

/**
 * Target: the "Load more…" node, or the id of the node whose list it extends. True while more
 * remain (for a PagedNode; other pageable nodes may not say).
 */
export async function loadMore(views: ResourceViewRegistry, target: LoadMoreNode | string): Promise<boolean | undefined> {
  const parent = target instanceof LoadMoreNode ? target.pagedParent : views.findNode(target);
  if (!parent || !('loadMore' in parent) || typeof parent.loadMore !== 'function') throw new Error(vscode.l10n.t('Nothing more to load for {0}.', String(target)));
  await (parent as TreeNode & { loadMore(): Promise<unknown> }).loadMore();
  return parent instanceof PagedNode ? parent.hasMore : undefined;
}

/** Title-bar filter of a view; with `value`, applies it without prompting. */
export async function filterView(views: ResourceViewRegistry, ui: UserInput, viewId: string, value?: TreeFilterValue): Promise<void> {
  const tree = views.tree(viewId);
  const next = value ?? (await promptFilter(ui, tree.filter, tree.filterStates));
  if (next) tree.setFilter(next);
}

export function clearViewFilter(views: ResourceViewRegistry, viewId: string): void {
  views.tree(viewId).setFilter({});
}
