// Delete for any resource node: the target comes as an argument (node, resource name or
// {name}), a confirmation goes through the UserInput seam, the node says "Deleting…" while the
// long-running operation runs, and a refusal because the resource is in use
// (FAILED_PRECONDITION) says what to do instead of failing.
import * as vscode from 'vscode';
import { toApiError } from '../../cloud/apiErrors';
import type { VertexClients } from '../../cloud/vertexClients';
import type { UserInput } from '../../commands/userInput';
import type { ItemTarget } from './itemCommands';
import { PagedNode } from './pagedNode';
import { PagedRootTreeProvider } from './pagedRootProvider';
import type { ResourceNode } from './treeNode';
import { isResourceNode, TreeNode } from './treeNode';
import type { ResourceViewRegistry } from './viewRegistry';

export interface ResolvedResource {
  name: string;
  displayName: string;
  /** The node showing it, when one is shown. */
  node?: ResourceNode;
}

/** The resource a command is for; `isKind` guards against a name of the wrong collection. */
export function resolveResource(views: ResourceViewRegistry, viewId: string, target: ItemTarget | undefined, isKind: (name: string) => boolean, what: string): ResolvedResource {
  if (target === undefined) throw new Error(vscode.l10n.t('Choose a {0} in its Vertex AI view first.', what));
  const name = target instanceof TreeNode ? (isResourceNode(target) ? target.resource.name : '') : typeof target === 'string' ? target : target.name;
  if (!isKind(name)) throw new Error(vscode.l10n.t('{0} is not a {1}.', name || String(target), what));
  const node = target instanceof TreeNode ? target : views.tree(viewId).findNode(name);
  if (isResourceNode(node) && node.resource.name === name) return { name, displayName: node.resource.displayName, node };
  return { name, displayName: name.slice(name.lastIndexOf('/') + 1) };
}

export interface Blocked {
  message: string;
  actions: { title: string; run(): unknown }[];
}

export type DeleteOutcome = 'deleted' | 'cancelled' | 'blocked';

export interface DeleteRequest {
  resource: ResolvedResource;
  confirm: { message: string; action: string };
  remove(clients: VertexClients): Promise<void>;
  /** What to do when the API refuses because the resource is still in use. */
  blocked(clients: VertexClients, apiMessage: string): Promise<Blocked>;
}

export async function deleteResource(views: ResourceViewRegistry, ui: UserInput, request: DeleteRequest): Promise<DeleteOutcome> {
  const { resource } = request;
  if (!(await ui.confirm(request.confirm.message, request.confirm.action))) return 'cancelled';
  const clients = await views.session.clients();
  let refusal: string | undefined;
  const run = async () => {
    try {
      await request.remove(clients);
    } catch (err) {
      const api = toApiError(err);
      if (api?.status === 'FAILED_PRECONDITION') refusal = api.message;
      else throw api ? new Error(vscode.l10n.t('Could not delete {0}: {1}', resource.displayName, api.message)) : err;
    }
  };
  const { node } = resource;
  if (node) await node.host.withTransientState(node, vscode.l10n.t('Deleting…'), run);
  else await run();
  if (refusal !== undefined) {
    const blocked = await request.blocked(clients, refusal);
    void vscode.window.showErrorMessage(blocked.message, ...blocked.actions.map((a) => a.title)).then((choice) => blocked.actions.find((a) => a.title === choice)?.run());
    return 'blocked';
  }
  if (node) removeNode(node);
  return 'deleted';
}

function removeNode(node: ResourceNode): void {
  if (node.parent instanceof PagedNode) node.parent.removeChild(node.id);
  else if (!node.parent && node.host instanceof PagedRootTreeProvider) node.host.removeRoot(node.id);
  else node.host.reload(node.parent);
}
