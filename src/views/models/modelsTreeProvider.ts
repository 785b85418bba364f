import * as vscode from 'vscode';
import type { ModelVersion } from '../../cloud/models';
import { listModels } from '../../cloud/models';
import type { PageOf } from '../tree/pager';
import { PagedRootTreeProvider } from '../tree/pagedRootProvider';
import type { SessionClients } from '../tree/sessionClients';
import { displayNameClause } from '../tree/treeFilter';
import type { ResourceNode } from '../tree/treeNode';
import { ModelNode } from './modelNodes';

export const MODELS_VIEW = 'vertexAI.models';

/** Models of the project and region, newest first; each expands to its versions. */
export class ModelsTreeProvider extends PagedRootTreeProvider<ModelVersion> {
  constructor(session: SessionClients) {
    super(MODELS_VIEW, session);
  }

  async loadPage(pageToken: string | undefined): Promise<PageOf<ModelVersion>> {
    return listModels(await this.clients(), { pageToken, filter: displayNameClause(this.filter.text) });
  }

  keyOf(model: ModelVersion): string {
    return model.name;
  }

  createNode(model: ModelVersion): ResourceNode<ModelVersion> {
    return new ModelNode(this, undefined, model);
  }

  emptyLabel(): string {
    return vscode.l10n.t('No models in this project and region.');
  }
}
