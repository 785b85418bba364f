// "Import Data…": more data items into an image, text or video dataset from import files.
import * as vscode from 'vscode';
import type { Dataset } from '../cloud/datasets';
import { getDataset } from '../cloud/datasets';
import { importData, importFormatFor } from '../cloud/datasetImport';
import type { DatasetType } from '../cloud/datasetImport';
import { InvalidInputError } from '../cloud/invalidInput';
import { DATASETS_VIEW } from '../views/datasets/datasetsTreeProvider';
import type { ItemTarget } from '../views/tree/itemCommands';
import { resolveResource } from '../views/tree/resourceDelete';
import { apiFailure } from './apiFailure';
import type { DatasetDeps } from './createDataset';
import { chooseImportFormat, splitSources } from './createDataset';

export interface ImportOptions {
  source?: string | string[];
  importFormat?: string;
}

const DATASET = /^projects\/[^/]+\/locations\/[^/]+\/datasets\/[^/]+$/;

/** `vertexAI.importData(dataset, options?)`: returns the dataset with its new item count. */
export async function importDataCommand(deps: DatasetDeps, target: ItemTarget | undefined, options: ImportOptions = {}): Promise<Dataset | undefined> {
  const resolved = resolveResource(deps.views, DATASETS_VIEW, target, (n) => DATASET.test(n), vscode.l10n.t('dataset'));
  const clients = await deps.views.session.clients();
  const current = await getDataset(clients, resolved.name).catch((err: unknown) => {
    throw apiFailure(vscode.l10n.t('Could not read the dataset {0}', resolved.displayName), err);
  });
  const type = (current.dataType ?? '') as DatasetType;
  if (!['image', 'text', 'video', 'tabular'].includes(type)) throw new InvalidInputError(vscode.l10n.t('Importing into {0} datasets is not supported.', current.dataType ?? current.metadataSchemaUri));
  importFormatFor(type, options.importFormat);
  const ui = deps.ui();
  let source = options.source === undefined ? undefined : splitSources(options.source);
  if (source === undefined) {
    const text = await ui.input({ title: vscode.l10n.t('Import Data into {0}', current.displayName), prompt: vscode.l10n.t('gs:// import files (JSON Lines or CSV, comma-separated)') });
    if (text === undefined) return undefined;
    source = splitSources(text);
  }
  const format = await chooseImportFormat(ui, type as Exclude<DatasetType, 'tabular'>, options.importFormat);
  if (format === undefined) return undefined;
  const run = () =>
    importData(clients, current.name, source, format).catch((err: unknown) => {
      throw err instanceof InvalidInputError ? err : apiFailure(vscode.l10n.t('Could not import into {0}', current.displayName), err);
    });
  const updated = resolved.node ? await resolved.node.host.withTransientState(resolved.node, vscode.l10n.t('Importing…'), run) : await run();
  if (resolved.node?.update(updated)) resolved.node.host.redraw(resolved.node);
  else if (!resolved.node) deps.views.tree(DATASETS_VIEW).reload();
  return updated;
}
