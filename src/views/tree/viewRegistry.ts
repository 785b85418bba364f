import * as vscode from 'vscode';
import type { ResourceDocumentProvider } from './resourceDocument';
import type { NodeSnapshot, ResourceTreeProvider } from './resourceTreeProvider';
import type { SessionClients } from './sessionClients';
import { isFiltered } from './treeFilter';
import type { TreeNode } from './treeNode';

/** Views with a filter on: package.json shows their clear-filter icon (`view in vertexAI.filteredViews`). */
const FILTERED_VIEWS_KEY = 'vertexAI.filteredViews';

/** The resource views and what they share; commands find their targets through it. */
export class ResourceViewRegistry implements vscode.Disposable {
  private readonly trees = new Map<string, ResourceTreeProvider>();
  private readonly filtered = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly session: SessionClients,
    readonly documents: ResourceDocumentProvider,
  ) {}

  add<P extends ResourceTreeProvider>(provider: P): P {
    this.trees.set(provider.viewId, provider);
    this.subscriptions.push(
      provider.onDidChangeFilter((filter) => {
        if (isFiltered(filter)) this.filtered.add(provider.viewId);
        else this.filtered.delete(provider.viewId);
        void vscode.commands.executeCommand('setContext', FILTERED_VIEWS_KEY, [...this.filtered]);
      }),
    );
    return provider;
  }

  tree(viewId: string): ResourceTreeProvider {
    const tree = this.trees.get(viewId);
    if (!tree) throw new Error(`Unknown view ${viewId}.`);
    return tree;
  }

  /** A node shown in any view, by node id or resource name. */
  findNode(id: string): TreeNode | undefined {
    for (const tree of this.trees.values()) {
      const node = tree.findNode(id);
      if (node) return node;
    }
    return undefined;
  }

  refreshAll(): void {
    for (const tree of this.trees.values()) tree.reload();
  }

  /** For integration tests and the bench: the items under a node (or the root) of a view. */
  snapshot(viewId: string, parentId?: string): Promise<NodeSnapshot[]> {
    return this.tree(viewId).snapshot(parentId);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const tree of this.trees.values()) tree.dispose();
    this.trees.clear();
    this.documents.dispose();
    this.session.dispose();
  }
}
