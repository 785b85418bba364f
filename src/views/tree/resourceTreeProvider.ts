import * as vscode from 'vscode';
import type { VertexClients } from '../../cloud/vertexClients';
import { problemNodes } from './messageNodes';
import type { PollerOptions, PollOutcome } from './poller';
import { BackoffPoller, DEFAULT_POLLING } from './poller';
import { AgeTracker } from './relativeAge';
import { SessionNotReadyError } from './sessionClients';
import type { SessionClients } from './sessionClients';
import type { FilterStateOption, TreeFilterValue } from './treeFilter';
import { describeFilter } from './treeFilter';
import type { TreeHost, TreeNode } from './treeNode';
import { ResourceNode } from './treeNode';

/** Enough for what a person watches at once; the rest wait for the next tick. */
const MAX_POLLED_PER_TICK = 25;
/** Ages are shown to the minute. */
const AGE_TICK_MS = 60_000;

/** A plain picture of a tree item, for tests (ExtensionApi) and the bench. */
export interface NodeSnapshot {
  id: string;
  label: string;
  description?: string;
  contextValue?: string;
  tooltip?: string;
  icon?: string;
  color?: string;
  collapsible: boolean;
}

export interface ResourceTreeOptions {
  filterStates?: readonly FilterStateOption[];
  polling?: PollerOptions;
}

/**
 * Base of every resource view: the session decides between welcome content (no nodes) and
 * the view's roots; failed loads become problem nodes; resource nodes that can still change
 * are polled while the view is visible, and only nodes whose data changed are redrawn. While
 * visible, nodes whose relative age ("5 min ago") would read differently are redrawn too.
 */
export abstract class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeHost, vscode.Disposable {
  private attachedView: vscode.TreeView<TreeNode> | undefined;
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly filterChanged = new vscode.EventEmitter<TreeFilterValue>();
  /** The registry keeps the context key of filtered views (title-bar icons) from this. */
  readonly onDidChangeFilter = this.filterChanged.event;
  private roots: Promise<TreeNode[]> | undefined;
  private readonly known = new Map<string, TreeNode>();
  private readonly transient = new Map<string, string>();
  private readonly poller: BackoffPoller;
  private readonly ages = new AgeTracker();
  private ageTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private currentFilter: TreeFilterValue = {};
  private pollCursor = 0;
  readonly filterStates: readonly FilterStateOption[];

  constructor(
    readonly viewId: string,
    readonly session: SessionClients,
    options: ResourceTreeOptions = {},
  ) {
    this.filterStates = options.filterStates ?? [];
    this.poller = new BackoffPoller(() => this.poll(), options.polling ?? DEFAULT_POLLING);
    this.disposables.push(this.changed, this.filterChanged, session.onDidChange(() => this.reload()));
  }

  /** The TreeView the extension's core created at activation (src/core/), which owns and disposes it. */
  attach(view: vscode.TreeView<TreeNode>): void {
    if (this.attachedView) throw new Error(`${this.viewId} already has its view.`);
    this.attachedView = view;
    this.setVisible(view.visible);
    this.disposables.push(view.onDidChangeVisibility((e) => this.setVisible(e.visible)));
  }

  private setVisible(visible: boolean): void {
    this.poller.setVisible(visible);
    clearInterval(this.ageTimer);
    this.ageTimer = undefined;
    if (!visible) return;
    // Ages went on while hidden.
    this.redrawAged();
    this.ageTimer = setInterval(() => this.redrawAged(), AGE_TICK_MS);
    this.ageTimer.unref();
  }

  private redrawAged(): void {
    const stale = this.ages.stale(this.known.values(), Date.now());
    if (stale.length) this.changed.fire(stale);
  }

  get view(): vscode.TreeView<TreeNode> {
    if (!this.attachedView) throw new Error(`${this.viewId} has no view attached.`);
    return this.attachedView;
  }

  /** The view's top-level nodes; called only while the session is ready. */
  protected abstract createRoots(): TreeNode[] | Promise<TreeNode[]>;

  get filter(): TreeFilterValue {
    return this.currentFilter;
  }

  setFilter(filter: TreeFilterValue): void {
    this.currentFilter = { state: filter.state || undefined, text: filter.text?.trim() || undefined };
    this.view.description = describeFilter(this.currentFilter, this.filterStates);
    this.filterChanged.fire(this.currentFilter);
    this.reload();
  }

  clients(): Promise<VertexClients> {
    return this.session.clients();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.treeItem();
    item.id = node.id;
    this.ages.drew(node, Date.now());
    const transient = this.transient.get(node.id);
    if (transient !== undefined) {
      item.description = transient;
      item.iconPath = new vscode.ThemeIcon('loading~spin');
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.tooltip) item.tooltip = node.tooltip();
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    let children: TreeNode[];
    try {
      if (node) {
        children = node.children ? await node.children() : [];
      } else {
        const state = await this.session.state();
        // An empty root lets VS Code show the welcome content for this session state.
        if (state.kind !== 'ready') return [];
        this.roots ??= Promise.resolve(this.createRoots());
        children = await this.roots.catch((err: unknown) => {
          this.roots = undefined;
          throw err;
        });
      }
    } catch (err) {
      if (err instanceof SessionNotReadyError) return [];
      const state = await this.session.state();
      children = problemNodes(this, node, err, state.kind === 'ready' ? state.connection.project : undefined);
    }
    for (const child of children) this.known.set(child.id, child);
    if (children.some((c) => c instanceof ResourceNode && c.isActive())) this.poller.kick();
    return children;
  }

  reload(node?: TreeNode): void {
    if (node) {
      node.invalidate?.();
      this.changed.fire(node);
      return;
    }
    this.roots = undefined;
    this.known.clear();
    this.ages.forget();
    this.changed.fire(undefined);
  }

  redraw(node: TreeNode): void {
    this.changed.fire(node);
  }

  async withTransientState<R>(node: TreeNode, description: string, task: () => Promise<R>): Promise<R> {
    this.transient.set(node.id, description);
    this.redraw(node);
    try {
      return await task();
    } finally {
      this.transient.delete(node.id);
      this.redraw(node);
    }
  }

  /** A node shown so far, by id (resource nodes: by resource name). */
  findNode(id: string): TreeNode | undefined {
    return this.known.get(id);
  }

  /** Polls soon: an action (cancel, submit) started a change. */
  pollSoon(): void {
    this.poller.kick();
  }

  async snapshot(parentId?: string): Promise<NodeSnapshot[]> {
    // After a reload only the roots are known again: load them to find a top-level parent.
    if (parentId !== undefined && !this.known.has(parentId)) await this.getChildren(undefined);
    const parent = parentId === undefined ? undefined : this.known.get(parentId);
    if (parentId !== undefined && !parent) throw new Error(`No node ${parentId} in ${this.viewId} (expand its parents first).`);
    return (await this.getChildren(parent)).map((node) => {
      const item = this.getTreeItem(node);
      const snapshot = snapshotOf(item, node.id);
      // The workbench resolves a tooltip only on hover; so does a snapshot, when it is read.
      let tooltip: { value: string | undefined } | undefined;
      Object.defineProperty(snapshot, 'tooltip', {
        enumerable: true,
        get: () => (tooltip ??= { value: tooltipText(this.resolveTreeItem(item, node)) }).value,
      });
      return snapshot;
    });
  }

  private async poll(): Promise<PollOutcome> {
    const all = [...this.known.values()].filter((n): n is ResourceNode => n instanceof ResourceNode && n.isActive() && n.latest !== undefined);
    if (!all.length) return 'idle';
    this.pollCursor = this.pollCursor % all.length;
    const active = [...all, ...all].slice(this.pollCursor, this.pollCursor + Math.min(MAX_POLLED_PER_TICK, all.length));
    this.pollCursor += active.length;
    let anyChanged = false;
    await Promise.all(
      active.map(async (node) => {
        const latest = await node.latest?.().catch(() => undefined);
        if (latest !== undefined && node.update(latest)) {
          anyChanged = true;
          this.redraw(node);
        }
      }),
    );
    return anyChanged ? 'changed' : 'unchanged';
  }

  dispose(): void {
    this.poller.dispose();
    clearInterval(this.ageTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function tooltipText(item: vscode.TreeItem): string | undefined {
  return typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
}

function snapshotOf(item: vscode.TreeItem, id: string): NodeSnapshot {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
  return {
    id,
    label,
    description: typeof item.description === 'string' ? item.description : undefined,
    contextValue: item.contextValue,
    tooltip: tooltipText(item),
    icon: icon?.id,
    color: icon?.color?.id,
    collapsible: item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None,
  };
}
