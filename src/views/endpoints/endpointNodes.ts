import * as vscode from 'vscode';
import type { DeployedModel, Endpoint } from '../../cloud/endpoints-api';
import { contextValue } from '../tree/contextValue';
import type { ResourceRef, TreeHost, TreeNode } from '../tree/treeNode';
import { ResourceNode } from '../tree/treeNode';
import { deployingDescription, deployProgress } from './deployProgress';
import { costFlag, deployedModelDescription, deployedModelLabel, deployedModelTooltip, endpointDescription, endpointTooltip, longDeployedHours } from './endpointPresentation';

const costWarningHours = (): number => vscode.workspace.getConfiguration('vertexAI').get<number>('endpointCostWarningHours', 24);

export class EndpointNode extends ResourceNode<Endpoint> {
  constructor(host: TreeHost, parent: TreeNode | undefined, endpoint: Endpoint) {
    super(host, parent, endpoint, endpoint.name);
  }

  get resource(): ResourceRef {
    return { name: this.data.name, displayName: this.data.displayName };
  }

  treeItem(): vscode.TreeItem {
    const e = this.data;
    const item = new vscode.TreeItem(e.displayName, e.deployedModels.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const deploying = deployingDescription(deployProgress()?.forEndpoint(e.name) ?? []);
    const longDeployed = longDeployedHours(e, costWarningHours());
    item.description = deploying ?? endpointDescription(e);
    item.tooltip = endpointTooltip(e);
    if (longDeployed !== undefined) item.tooltip.appendMarkdown(`\n\n**${costFlag(longDeployed)}**`);
    item.iconPath = deploying
      ? new vscode.ThemeIcon('loading~spin')
      : longDeployed !== undefined ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('radio-tower');
    item.contextValue = contextValue('endpoint', e.deployedModels.length ? 'serving' : 'empty', deploying !== undefined && 'deploying');
    return item;
  }

  agedSince(): Date | undefined {
    return this.data.createTime;
  }

  async children(): Promise<TreeNode[]> {
    return this.data.deployedModels.map((d) => new DeployedModelNode(this.host, this, d));
  }
}

/** A model deployed on an endpoint; its resource (for details, console, copy) is the model version it serves. */
export class DeployedModelNode extends ResourceNode<DeployedModel> {
  constructor(host: TreeHost, parent: EndpointNode, deployed: DeployedModel) {
    super(host, parent, deployed, `${parent.data.name}/deployedModels/${deployed.id}`);
  }

  get resource(): ResourceRef {
    const d = this.data;
    return { name: d.modelVersionId ? `${d.model}@${d.modelVersionId}` : d.model, displayName: deployedModelLabel(d) };
  }

  treeItem(): vscode.TreeItem {
    const d = this.data;
    const item = new vscode.TreeItem(deployedModelLabel(d), vscode.TreeItemCollapsibleState.None);
    item.description = deployedModelDescription(d);
    item.tooltip = deployedModelTooltip(d);
    item.iconPath = new vscode.ThemeIcon(d.trafficPercent > 0 ? 'package' : 'circle-slash');
    item.contextValue = contextValue('deployedModel', d.trafficPercent > 0 ? 'serving' : 'noTraffic');
    return item;
  }
}
