import * as vscode from 'vscode';
import { getEndpoint } from '../../cloud/endpoints-api';
import type { ModelVersion } from '../../cloud/models';
import { listModelVersions } from '../../cloud/models';
import type { VertexClients } from '../../cloud/vertexClients';
import { contextValue } from '../tree/contextValue';
import { emptyNodes, LoadMoreNode } from '../tree/messageNodes';
import { Pager } from '../tree/pager';
import type { ResourceRef, TreeHost, TreeNode } from '../tree/treeNode';
import { ResourceNode } from '../tree/treeNode';
import type { EndpointNames } from './modelPresentation';
import { modelDescription, modelTooltip, versionDescription, versionLabel } from './modelPresentation';

/** A model, shown as its default version (what ListModels returns); its versions are its children. */
export class ModelNode extends ResourceNode<ModelVersion> {
  private readonly versions = new Pager<ModelVersion>(async (pageToken) => listModelVersions(await this.host.clients(), this.data.name, { pageToken }));
  private readonly endpointNames = new Map<string, string>();

  constructor(host: TreeHost, parent: TreeNode | undefined, model: ModelVersion) {
    super(host, parent, model, model.name);
  }

  get resource(): ResourceRef {
    return { name: this.data.name, displayName: this.data.displayName };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.data.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = modelDescription(this.data);
    item.tooltip = modelTooltip(this.data);
    item.iconPath = new vscode.ThemeIcon('package');
    item.contextValue = contextValue('model', this.data.deployedModels.length ? 'deployed' : undefined);
    return item;
  }

  agedSince(): Date | undefined {
    return this.data.createTime;
  }

  async children(): Promise<TreeNode[]> {
    await this.versions.first();
    const versions = this.versions.items;
    if (!versions.length) return emptyNodes(this.host, this, vscode.l10n.t('This model has no versions.'));
    await this.nameEndpoints(versions);
    const nodes: TreeNode[] = versions.map((v) => new ModelVersionNode(this.host, this, v, this.endpointNames));
    if (this.versions.hasMore) nodes.push(new LoadMoreNode(this.host, this, versions.length));
    return nodes;
  }

  async loadMore(): Promise<void> {
    await this.versions.more();
    this.host.redraw(this);
  }

  invalidate(): void {
    this.versions.reset();
    this.endpointNames.clear();
  }

  /** Deployments name their endpoint by resource name; the tree shows its display name. */
  private async nameEndpoints(versions: readonly ModelVersion[]): Promise<void> {
    const unknown = [...new Set(versions.flatMap((v) => v.deployedModels.map((d) => d.endpoint)))].filter((e) => !this.endpointNames.has(e));
    if (!unknown.length) return;
    const clients: VertexClients = await this.host.clients();
    await Promise.all(
      unknown.map(async (name) => {
        // A missing or unreadable endpoint still shows, by its ID.
        const endpoint = await getEndpoint(clients, name).catch(() => undefined);
        if (endpoint) this.endpointNames.set(name, endpoint.displayName);
      }),
    );
  }
}

export class ModelVersionNode extends ResourceNode<ModelVersion> {
  constructor(
    host: TreeHost,
    parent: ModelNode,
    version: ModelVersion,
    private readonly endpoints: EndpointNames,
  ) {
    super(host, parent, version, version.versionName);
  }

  get resource(): ResourceRef {
    return { name: this.data.versionName, displayName: `${this.data.displayName} ${versionLabel(this.data)}` };
  }

  treeItem(): vscode.TreeItem {
    const v = this.data;
    const item = new vscode.TreeItem(versionLabel(v), vscode.TreeItemCollapsibleState.None);
    item.description = versionDescription(v, this.endpoints);
    item.tooltip = modelTooltip(v, this.endpoints);
    item.iconPath = new vscode.ThemeIcon(v.isDefault ? 'star-full' : 'versions');
    item.contextValue = contextValue('modelVersion', v.isDefault ? 'default' : undefined, v.deployedModels.length ? 'deployed' : 'undeployed');
    return item;
  }

  agedSince(): Date | undefined {
    return this.data.versionCreateTime ?? this.data.createTime;
  }
}
