import * as vscode from 'vscode';
import type { Endpoint } from '../../cloud/endpoints-api';
import { listEndpoints } from '../../cloud/endpoints-api';
import type { PageOf } from '../tree/pager';
import { PagedRootTreeProvider } from '../tree/pagedRootProvider';
import type { SessionClients } from '../tree/sessionClients';
import { displayNameClause } from '../tree/treeFilter';
import type { ResourceNode } from '../tree/treeNode';
import { EndpointNode } from './endpointNodes';

export const ENDPOINTS_VIEW = 'vertexAI.endpoints';

/** Endpoints of the project and region, newest first; each expands to its deployed models. */
export class EndpointsTreeProvider extends PagedRootTreeProvider<Endpoint> {
  constructor(session: SessionClients) {
    super(ENDPOINTS_VIEW, session);
  }

  async loadPage(pageToken: string | undefined): Promise<PageOf<Endpoint>> {
    return listEndpoints(await this.clients(), { pageToken, filter: displayNameClause(this.filter.text) });
  }

  keyOf(endpoint: Endpoint): string {
    return endpoint.name;
  }

  createNode(endpoint: Endpoint): ResourceNode<Endpoint> {
    return new EndpointNode(this, undefined, endpoint);
  }

  emptyLabel(): string {
    return vscode.l10n.t('No endpoints in this project and region.');
  }
}
