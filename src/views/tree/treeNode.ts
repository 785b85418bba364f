import type * as vscode from 'vscode';
import type { VertexClients } from '../../cloud/vertexClients';
import type { SessionClients } from './sessionClients';
import type { TreeFilterValue } from './treeFilter';

/** What a node can ask of the tree it lives in. */
export interface TreeHost {
  readonly viewId: string;
  readonly filter: TreeFilterValue;
  readonly session: SessionClients;
  /** The session's clients; throws SessionNotReadyError when signed out. */
  clients(): Promise<VertexClients>;
  /** Asks the API again for the node's children (or the whole tree). */
  reload(node?: TreeNode): void;
  /** Draws the node again from the data it holds. */
  redraw(node: TreeNode): void;
  /** Shows a transient description ("Deleting…") on the node while `task` runs. */
  withTransientState<R>(node: TreeNode, description: string, task: () => Promise<R>): Promise<R>;
}

export abstract class TreeNode {
  constructor(
    readonly host: TreeHost,
    readonly parent: TreeNode | undefined,
    /** Unique in the tree and stable across reloads: it keeps expansion and selection. */
    readonly id: string,
  ) {}

  abstract treeItem(): vscode.TreeItem;

  /** A tooltip made only when the item is hovered (VS Code's resolveTreeItem), for costly ones. */
  tooltip?(): string | vscode.MarkdownString;

  /** Absent for leaves. Errors thrown here become problem nodes with a fix action. */
  children?(): Promise<TreeNode[]>;

  /** Forgets loaded children, so the next children() asks the API again. */
  invalidate?(): void;

  /** The time whose relative age the description shows: the tree redraws it as that ages. */
  agedSince?(): Date | undefined;
}

export interface ResourceRef {
  /** Full resource name, e.g. projects/p/locations/l/customJobs/123. */
  name: string;
  displayName: string;
}

/** A node showing one Vertex AI resource; the shared item commands work on any of these. */
export abstract class ResourceNode<T = unknown> extends TreeNode {
  constructor(host: TreeHost, parent: TreeNode | undefined, public data: T, name: string) {
    super(host, parent, name);
  }

  abstract get resource(): ResourceRef;

  /** True while the resource can change by itself (a running job): the tree polls it. */
  isActive(): boolean {
    return false;
  }

  /** Fetches the resource again, for polling; only needed when isActive() can be true. */
  latest?(): Promise<T>;

  /** What the item shows; a redraw happens only when it changes. */
  protected fingerprint(data: T): string {
    return JSON.stringify(data);
  }

  /** Takes new data; true when what the item shows changed. */
  update(next: T): boolean {
    const changed = this.fingerprint(next) !== this.fingerprint(this.data);
    this.data = next;
    return changed;
  }
}

export function isResourceNode(value: unknown): value is ResourceNode {
  return value instanceof ResourceNode;
}
