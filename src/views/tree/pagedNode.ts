import type * as vscode from 'vscode';
import { emptyNodes, LoadMoreNode } from './messageNodes';
import type { PageOf } from './pager';
import { Pager } from './pager';
import type { ResourceNode, TreeHost } from './treeNode';
import { TreeNode } from './treeNode';

/**
 * A node whose children are a paged API list (pages of 50, newest first), followed by a
 * "Load more…" node while the API has more. Child nodes are kept across pages and redraws,
 * so polling can update them in place.
 */
export abstract class PagedNode<T> extends TreeNode {
  protected readonly pager = new Pager<T>((token) => this.loadPage(token));
  private prefetched: Promise<void> | undefined;
  private readonly nodes = new Map<string, { node: ResourceNode<T>; from: T }>();

  constructor(host: TreeHost, parent: TreeNode | undefined, id: string) {
    super(host, parent, id);
  }

  abstract treeItem(): vscode.TreeItem;
  protected abstract loadPage(pageToken: string | undefined): Promise<PageOf<T>>;
  protected abstract keyOf(item: T): string;
  protected abstract createChild(item: T): ResourceNode<T>;
  protected abstract emptyLabel(): string;

  /**
   * Starts loading the first page now, e.g. for a group shown expanded, instead of after the
   * workbench has drawn this node and asked for its children (a round trip).
   */
  prefetch(): void {
    const first = this.pager.first();
    first.catch(() => undefined);
    this.prefetched = first;
  }

  async children(): Promise<TreeNode[]> {
    // A failed prefetch is reported once; the next call asks again.
    const prefetched = this.prefetched;
    this.prefetched = undefined;
    await (prefetched ?? this.pager.first());
    const items = this.pager.items;
    if (!items.length) return emptyNodes(this.host, this, this.emptyLabel());
    const seen = new Set<string>();
    const children: TreeNode[] = items.map((item) => {
      const key = this.keyOf(item);
      seen.add(key);
      const known = this.nodes.get(key);
      // Only a newer listing replaces data; polling may have updated the node since.
      if (known && known.from !== item) known.node.update(item);
      const node = known?.node ?? this.createChild(item);
      this.nodes.set(key, { node, from: item });
      return node;
    });
    for (const key of this.nodes.keys()) if (!seen.has(key)) this.nodes.delete(key);
    if (this.pager.hasMore) children.push(new LoadMoreNode(this.host, this, items.length));
    return children;
  }

  async loadMore(): Promise<void> {
    await this.pager.more();
    this.host.redraw(this);
  }

  /** True while the API has more pages after those loaded. */
  get hasMore(): boolean {
    return this.pager.hasMore;
  }

  invalidate(): void {
    this.prefetched = undefined;
    this.pager.reset();
  }

  /** Drops a child that no longer exists (deleted) without reloading the list. */
  removeChild(key: string): void {
    this.pager.remove((item) => this.keyOf(item) === key);
    this.nodes.delete(key);
    this.host.redraw(this);
  }

  get loadedCount(): number {
    return this.pager.items.length;
  }
}
