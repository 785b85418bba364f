import * as vscode from 'vscode';
import type * as DeployModule from '../cloud/deploy';
import type * as EndpointsModule from '../cloud/endpoints-api';
import type { ResourceViews } from '../views/registerViews';
import { TreeNode } from '../views/tree/treeNode';
import type { UserInput } from './userInput';

/* eslint-disable @typescript-eslint/no-require-imports */
const deploy = (): typeof DeployModule => require('../cloud/deploy') as typeof DeployModule;
const endpoints = (): typeof EndpointsModule => require('../cloud/endpoints-api') as typeof EndpointsModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const ENDPOINTS_VIEW = 'vertexAI.endpoints';
const DEPLOYED = /^(projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+)\/deployedModels\/([^/]+)$/;

/** A deployed model node, `{endpoint, deployedModelId}`, or `ENDPOINT/deployedModels/ID`. */
export type UndeployTarget = TreeNode | string | { endpoint: string; deployedModelId: string };

function targetOf(target: UndeployTarget | undefined): { endpoint: string; deployedModelId: string } {
  if (target === undefined) throw new Error(vscode.l10n.t('Choose a deployed model under its endpoint in the Endpoints view.'));
  if (typeof target === 'object' && !(target instanceof TreeNode)) return target;
  const id = target instanceof TreeNode ? target.id : target;
  const m = DEPLOYED.exec(id);
  if (!m) throw new Error(vscode.l10n.t('{0} is not a deployed model.', id));
  return { endpoint: m[1], deployedModelId: m[2] };
}

/**
 * `vertexAI.undeployModel(target, { confirmed? })`: stops serving a model on an endpoint (its
 * traffic goes to the models that stay). The model stays in the Model Registry.
 */
export async function undeployModelCommand(deps: { views: ResourceViews; ui: () => UserInput }, target?: UndeployTarget, options: { confirmed?: boolean } = {}): Promise<'undeployed' | 'cancelled'> {
  const { endpoint: endpointName, deployedModelId } = targetOf(target);
  const clients = await deps.views.session.clients();
  const endpoint = await endpoints().getEndpoint(clients, endpointName);
  const deployed = endpoint.deployedModels.find((d) => d.id === deployedModelId);
  if (!deployed) throw new Error(vscode.l10n.t('The endpoint "{0}" has no deployed model {1}.', endpoint.displayName, deployedModelId));
  const ok = options.confirmed || await deps.ui().confirm(vscode.l10n.t('Undeploy {0} from "{1}"? It stops serving predictions; the model stays in the Model Registry.', deployed.displayName, endpoint.displayName), vscode.l10n.t('Undeploy'));
  if (!ok) return 'cancelled';
  const tree = deps.views.tree(ENDPOINTS_VIEW);
  const node = tree.findNode(endpointName);
  const run = () => deploy().undeployModel(clients, endpoint, deployedModelId);
  if (node) await tree.withTransientState(node, vscode.l10n.t('Undeploying…'), run);
  else await run();
  tree.reload();
  const left = endpoint.deployedModels.length - 1;
  void vscode.window.showInformationMessage(left > 0
    ? vscode.l10n.t('Undeployed {0}. "{1}" still serves {2} models, which bill by the hour.', deployed.displayName, endpoint.displayName, left)
    : vscode.l10n.t('Undeployed {0}. "{1}" serves no model now and costs nothing; delete it if you no longer need it.', deployed.displayName, endpoint.displayName));
  return 'undeployed';
}
