import * as vscode from 'vscode';
import type { ViewHost } from './featureContract';

/**
 * A view's data provider until the features load: the first getChildren loads them, then every
 * call goes to the provider the features connected, and its change events are relayed.
 */
class ForwardingTreeDataProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private target: vscode.TreeDataProvider<unknown> | undefined;
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private relay: vscode.Disposable | undefined;

  constructor(
    private readonly viewId: string,
    private readonly features: () => Promise<unknown>,
  ) {}

  get connected(): boolean {
    return this.target !== undefined;
  }

  connect(target: vscode.TreeDataProvider<unknown>): void {
    if (this.target) throw new Error(`${this.viewId} is connected twice.`);
    this.target = target;
    this.relay = target.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  async getChildren(element?: unknown): Promise<unknown[]> {
    await this.features();
    return (await this.resolved().getChildren(element)) ?? [];
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.resolved().getTreeItem(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.resolved().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: unknown, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const target = this.resolved();
    return target.resolveTreeItem ? target.resolveTreeItem(item, element, token) : item;
  }

  /** Elements only come from the target, so every call but getChildren finds it connected. */
  private resolved(): vscode.TreeDataProvider<unknown> {
    if (!this.target) throw new Error(`The features loaded without connecting ${this.viewId}.`);
    return this.target;
  }

  dispose(): void {
    this.relay?.dispose();
    this.changed.dispose();
  }
}

/** Every contributed tree view, created at activation so VS Code can resolve it before the features load. */
export class ForwardingTreeViews implements ViewHost, vscode.Disposable {
  private readonly views = new Map<string, { provider: ForwardingTreeDataProvider; view: vscode.TreeView<unknown> }>();

  constructor(viewIds: Iterable<string>, features: () => Promise<unknown>) {
    for (const viewId of viewIds) {
      const provider = new ForwardingTreeDataProvider(viewId, features);
      this.views.set(viewId, { provider, view: vscode.window.createTreeView(viewId, { treeDataProvider: provider, showCollapseAll: true }) });
    }
  }

  connect<T>(viewId: string, provider: vscode.TreeDataProvider<T>): vscode.TreeView<T> {
    const entry = this.views.get(viewId);
    if (!entry) throw new Error(`${viewId} is not a tree view package.json contributes.`);
    entry.provider.connect(provider as vscode.TreeDataProvider<unknown>);
    return entry.view as vscode.TreeView<T>;
  }

  /** Contributed views the features connected no provider to. */
  missing(): string[] {
    return [...this.views].filter(([, entry]) => !entry.provider.connected).map(([viewId]) => viewId);
  }

  dispose(): void {
    for (const { provider, view } of this.views.values()) {
      view.dispose();
      provider.dispose();
    }
  }
}
