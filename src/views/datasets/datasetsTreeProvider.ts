import * as vscode from 'vscode';
import type { Dataset } from '../../cloud/datasets';
import { listDatasets } from '../../cloud/datasets';
import type { PageOf } from '../tree/pager';
import { PagedRootTreeProvider } from '../tree/pagedRootProvider';
import type { SessionClients } from '../tree/sessionClients';
import { displayNameClause } from '../tree/treeFilter';
import type { ResourceNode } from '../tree/treeNode';
import { DatasetNode } from './datasetNode';

export const DATASETS_VIEW = 'vertexAI.datasets';

/** Datasets of the project and region, newest first. */
export class DatasetsTreeProvider extends PagedRootTreeProvider<Dataset> {
  constructor(session: SessionClients) {
    super(DATASETS_VIEW, session);
  }

  async loadPage(pageToken: string | undefined): Promise<PageOf<Dataset>> {
    return listDatasets(await this.clients(), { pageToken, filter: displayNameClause(this.filter.text) });
  }

  keyOf(dataset: Dataset): string {
    return dataset.name;
  }

  createNode(dataset: Dataset): ResourceNode<Dataset> {
    return new DatasetNode(this, undefined, dataset);
  }

  emptyLabel(): string {
    return vscode.l10n.t('No datasets in this project and region.');
  }
}
