// "Create Batch Prediction…": from a model, input in Cloud Storage (JSON Lines or CSV) or a
// BigQuery table, predictions under an output prefix. The job then shows under Training Jobs.
import * as vscode from 'vscode';
import type { BatchPredictionInput, BatchPredictionJob } from '../cloud/batchPrediction';
import { batchPredictionRequest, createBatchPredictionJob } from '../cloud/batchPrediction';
import { listModels } from '../cloud/models';
import { InvalidInputError } from '../cloud/invalidInput';
import { MODELS_VIEW } from '../views/models/modelsTreeProvider';
import type { ItemTarget } from '../views/tree/itemCommands';
import { resolveResource } from '../views/tree/resourceDelete';
import type { ResourceViewRegistry } from '../views/tree/viewRegistry';
import { TRAINING_JOBS_VIEW } from '../views/trainingJobs/trainingJobsTreeProvider';
import { apiFailure } from './apiFailure';
import type { PickItem, UserInput } from './userInput';

/** Any of the inputs; those missing are asked for. `source` may be comma-separated. */
export type BatchPredictionOptions = Partial<Omit<BatchPredictionInput, 'model' | 'source'>> & { source?: string | string[] };

export interface BatchPredictionDeps {
  views: ResourceViewRegistry;
  ui: () => UserInput;
}

const MODEL = /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/]+$/;

function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

async function pickModel(deps: BatchPredictionDeps): Promise<{ name: string; displayName: string } | undefined> {
  const clients = await deps.views.session.clients();
  const models = (await listModels(clients)).items;
  if (models.length === 0) throw new Error(vscode.l10n.t('There are no models in {0} to run batch predictions with.', `${clients.connection.project} · ${clients.connection.region}`));
  const items: PickItem<{ name: string; displayName: string }>[] = models.map((m) => ({ label: m.displayName, description: m.framework, detail: m.name, value: { name: m.name, displayName: m.displayName } }));
  return deps.ui().pick(items, { title: vscode.l10n.t('Batch Prediction: Choose a Model') });
}

/** Asks for what the options leave out; undefined when the user cancels. */
async function askInputs(ui: UserInput, model: { name: string; displayName: string }, options: BatchPredictionOptions, region: string): Promise<BatchPredictionInput | undefined> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const displayName = options.displayName ?? (await ui.input({ title: vscode.l10n.t('Batch Prediction: Job Name'), value: `${model.displayName}-batch-${stamp}` }));
  if (displayName === undefined) return undefined;
  // Checks one answer as the request would, with placeholders for the others.
  const check = (patch: Partial<BatchPredictionInput>): string | undefined => {
    try {
      batchPredictionRequest({ displayName: 'x', model: model.name, source: ['gs://bucket/x.jsonl'], outputPrefix: 'gs://bucket/out', ...patch }, region);
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  const sourceText =
    options.source !== undefined
      ? undefined
      : await ui.input({ title: vscode.l10n.t('Batch Prediction: Input'), prompt: vscode.l10n.t('gs:// JSON Lines or CSV files (comma-separated), or bq://project.dataset.table'), validate: (text) => check({ source: splitList(text) }) });
  const source = options.source !== undefined ? (Array.isArray(options.source) ? options.source : splitList(options.source)) : sourceText === undefined ? undefined : splitList(sourceText);
  if (source === undefined) return undefined;
  const outputPrefix =
    options.outputPrefix ??
    (await ui.input({ title: vscode.l10n.t('Batch Prediction: Output'), prompt: vscode.l10n.t('gs://bucket/prefix for the predictions, or bq://project.dataset'), validate: (text) => check({ outputPrefix: text.trim() }) }));
  if (outputPrefix === undefined) return undefined;
  return { displayName, model: model.name, source, outputPrefix, machineType: options.machineType, replicaCount: options.replicaCount, labels: options.labels };
}

/**
 * `vertexAI.createBatchPrediction(model?, options?)`: model as a node, resource name or
 * `{ name }`. Returns the created job (PENDING); the Training Jobs view follows it.
 */
export async function createBatchPrediction(deps: BatchPredictionDeps, target?: ItemTarget, options: BatchPredictionOptions = {}): Promise<BatchPredictionJob | undefined> {
  const model = target === undefined ? await pickModel(deps) : resolveResource(deps.views, MODELS_VIEW, target, (n) => MODEL.test(n), vscode.l10n.t('model'));
  if (!model) return undefined;
  const clients = await deps.views.session.clients();
  const input = await askInputs(deps.ui(), model, options, clients.connection.region);
  if (!input) return undefined;
  let job: BatchPredictionJob;
  try {
    job = await createBatchPredictionJob(clients, input);
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    throw apiFailure(vscode.l10n.t('Could not create the batch prediction job for {0}', model.displayName), err);
  }
  deps.views.tree(TRAINING_JOBS_VIEW).reload();
  void vscode.window.showInformationMessage(vscode.l10n.t('Batch prediction job "{0}" created; it is listed under Training Jobs > Batch Predictions.', job.displayName));
  return job;
}
