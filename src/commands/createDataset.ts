// "Create Dataset…": image, tabular, text or video, from Cloud Storage import files or (tabular)
// a BigQuery table. Every input can come as an argument; the rest is asked for.
import * as vscode from 'vscode';
import type { Dataset } from '../cloud/datasets';
import type { CreateDatasetInput, DatasetType } from '../cloud/datasetImport';
import { createDataset, DATASET_TYPES, IMPORT_FORMATS } from '../cloud/datasetImport';
import { InvalidInputError } from '../cloud/invalidInput';
import { DATASETS_VIEW } from '../views/datasets/datasetsTreeProvider';
import type { ResourceViewRegistry } from '../views/tree/viewRegistry';
import { apiFailure } from './apiFailure';
import type { UserInput } from './userInput';

export type DatasetOptions = Partial<Omit<CreateDatasetInput, 'source'>> & { source?: string | string[] };

export interface DatasetDeps {
  views: ResourceViewRegistry;
  ui: () => UserInput;
}

export function splitSources(value: string | string[]): string[] {
  return Array.isArray(value) ? value : value.split(/[\s,]+/).filter(Boolean);
}

/** The import format: given, the only one, or picked. */
export async function chooseImportFormat(ui: UserInput, type: Exclude<DatasetType, 'tabular'>, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return given;
  const formats = IMPORT_FORMATS[type];
  return ui.pick(
    formats.map((f) => ({ label: f.replace(/_/g, ' '), description: f, value: f })),
    { title: vscode.l10n.t('Import Format of the Files') },
  );
}

async function askInputs(ui: UserInput, options: DatasetOptions): Promise<CreateDatasetInput | undefined> {
  const type = options.type ?? (await ui.pick(DATASET_TYPES.map((t) => ({ label: t, value: t })), { title: vscode.l10n.t('Create Dataset: Data Type') }));
  if (!type) return undefined;
  const displayName = options.displayName ?? (await ui.input({ title: vscode.l10n.t('Create Dataset: Name'), validate: (t) => (t.trim() ? undefined : vscode.l10n.t('Give the dataset a name.')) }));
  if (displayName === undefined) return undefined;
  let source = options.source === undefined ? undefined : splitSources(options.source);
  if (source === undefined) {
    const prompt = type === 'tabular'
      ? vscode.l10n.t('gs:// CSV files (comma-separated) or bq://project.dataset.table')
      : vscode.l10n.t('gs:// import files (JSON Lines or CSV, comma-separated); leave empty to import later');
    const text = await ui.input({ title: vscode.l10n.t('Create Dataset: Source'), prompt });
    if (text === undefined) return undefined;
    source = splitSources(text);
  }
  let importFormat = options.importFormat;
  if (type !== 'tabular' && source.length > 0) {
    importFormat = await chooseImportFormat(ui, type, importFormat);
    if (importFormat === undefined) return undefined;
  }
  return { displayName, type, source, importFormat };
}

/** `vertexAI.createDataset(options?)`: returns the dataset, with its item count after the import. */
export async function createDatasetCommand(deps: DatasetDeps, options: DatasetOptions = {}): Promise<Dataset | undefined> {
  const input = await askInputs(deps.ui(), options);
  if (!input) return undefined;
  const clients = await deps.views.session.clients();
  const title = vscode.l10n.t('Creating the dataset "{0}"…', input.displayName);
  const dataset = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
    createDataset(clients, input).catch((err: unknown) => {
      throw err instanceof InvalidInputError ? err : apiFailure(vscode.l10n.t('Could not create the dataset "{0}"', input.displayName), err);
    }),
  );
  deps.views.tree(DATASETS_VIEW).reload();
  return dataset;
}
