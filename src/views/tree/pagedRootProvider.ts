import * as vscode from 'vscode';
import type { PageOf } from './pager';
import { PagedNode } from './pagedNode';
import type { ResourceTreeOptions } from './resourceTreeProvider';
import { ResourceTreeProvider } from './resourceTreeProvider';
import type { SessionClients } from './sessionClients';
import type { ResourceNode, TreeHost, TreeNode } from './treeNode';

/** What a view whose top level is one paged list (models, endpoints, datasets) provides. */
export interface RootListSource<T> {
  loadPage(pageToken: string | undefined): Promise<PageOf<T>>;
  keyOf(item: T): string;
  /** Top-level nodes have no parent. */
  createNode(item: T): ResourceNode<T>;
  emptyLabel(): string;
}

/**
 * The top-level list, never shown itself. "Load more…" and removals redraw the view's root
 * instead of this node, and keep the pages loaded so far.
 */
class RootList<T> extends PagedNode<T> {
  constructor(
    host: TreeHost,
    private readonly source: RootListSource<T>,
    private readonly redrawRoot: () => void,
  ) {
    super(host, undefined, `${host.viewId}/~list`);
  }

  treeItem(): vscode.TreeItem {
    return new vscode.TreeItem(this.host.viewId);
  }

  protected loadPage(pageToken: string | undefined): Promise<PageOf<T>> {
    return this.source.loadPage(pageToken);
  }

  protected keyOf(item: T): string {
    return this.source.keyOf(item);
  }

  protected createChild(item: T): ResourceNode<T> {
    return this.source.createNode(item);
  }

  protected emptyLabel(): string {
    return this.source.emptyLabel();
  }

  async loadMore(): Promise<void> {
    await this.pager.more();
    this.redrawRoot();
  }

  removeChild(key: string): void {
    super.removeChild(key);
    this.redrawRoot();
  }
}

/** A resource view whose top level is one paged list, newest first, with "Load more…". */
export abstract class PagedRootTreeProvider<T> extends ResourceTreeProvider implements RootListSource<T> {
  private list: RootList<T> | undefined;
  private keepList = false;

  constructor(viewId: string, session: SessionClients, options: ResourceTreeOptions = {}) {
    super(viewId, session, options);
  }

  abstract loadPage(pageToken: string | undefined): Promise<PageOf<T>>;
  abstract keyOf(item: T): string;
  abstract createNode(item: T): ResourceNode<T>;
  abstract emptyLabel(): string;

  protected createRoots(): Promise<TreeNode[]> {
    // Any reload but our own (refresh, filter, new session) starts from the first page.
    if (!this.keepList || !this.list) this.list = new RootList(this, this, () => this.redrawKeepingPages());
    this.keepList = false;
    return this.list.children();
  }

  /** Also finds the hidden top-level list, so `vertexAI.loadMore` can name it by id. */
  findNode(id: string): TreeNode | undefined {
    return id === this.list?.id ? this.list : super.findNode(id);
  }

  /** Forgets a top-level item that no longer exists (deleted), without asking the API again. */
  removeRoot(key: string): void {
    this.list?.removeChild(key);
  }

  private redrawKeepingPages(): void {
    this.keepList = true;
    this.reload();
  }
}
