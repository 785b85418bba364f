// "Predict…": sends instances from a JSON file, the given text or the editor's selection to
// an endpoint, and opens the response with its latency.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listEndpoints } from '../cloud/endpoints-api';
import type { PredictRequest, PredictResult } from '../cloud/prediction';
import { InvalidInputError } from '../cloud/invalidInput';
import { parsePredictRequest, predict } from '../cloud/prediction';
import { ENDPOINTS_VIEW } from '../views/endpoints/endpointsTreeProvider';
import type { ItemTarget } from '../views/tree/itemCommands';
import { resolveResource } from '../views/tree/resourceDelete';
import { isResourceNode, TreeNode } from '../views/tree/treeNode';
import type { ResourceViewRegistry } from '../views/tree/viewRegistry';
import { apiFailure } from './apiFailure';
import type { PredictionDocuments } from './predictionDocuments';
import type { PickItem, UserInput } from './userInput';

/** The request: a JSON file (path or URI) or the JSON text itself. Without it, the active editor. */
export type PredictInput = vscode.Uri | { file?: string | vscode.Uri; text?: string };

export interface PredictDeps {
  views: ResourceViewRegistry;
  ui: () => UserInput;
  documents: PredictionDocuments;
}

export interface PredictOutcome {
  result: PredictResult;
  document: vscode.TextDocument;
}

const ENDPOINT = /^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+$/;

/** A deployed model's node stands for its endpoint. */
function endpointTarget(target: ItemTarget): ItemTarget {
  if (target instanceof TreeNode && !(isResourceNode(target) && ENDPOINT.test(target.resource.name)) && target.parent) return target.parent;
  return target;
}

async function pickEndpoint(deps: PredictDeps): Promise<string | undefined> {
  const clients = await deps.views.session.clients();
  const serving = (await listEndpoints(clients)).items.filter((e) => e.deployedModels.length > 0);
  if (serving.length === 0) throw new Error(vscode.l10n.t('No endpoint in {0} has a deployed model to predict with.', `${clients.connection.project} · ${clients.connection.region}`));
  const items: PickItem<string>[] = serving.map((e) => ({ label: e.displayName, description: e.deployedModels.map((d) => d.displayName).join(', '), detail: e.name, value: e.name }));
  return deps.ui().pick(items, { title: vscode.l10n.t('Predict: Choose an Endpoint') });
}

interface RequestSource {
  text: string;
  label: string;
  /** Where a syntax error is shown. */
  editor?: vscode.TextEditor;
  offset?: number;
}

const JSON_LANGUAGES = new Set(['json', 'jsonc', 'jsonl']);

async function requestSource(input: PredictInput | undefined, ui: UserInput): Promise<RequestSource | undefined> {
  const file = input instanceof vscode.Uri ? input : input?.file;
  if (input && !(input instanceof vscode.Uri) && input.text !== undefined) return { text: input.text, label: vscode.l10n.t('The request text') };
  if (file !== undefined) {
    const uri = typeof file === 'string' ? vscode.Uri.file(file) : file;
    const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, (err: unknown) => {
      throw new Error(vscode.l10n.t('Could not read the request file {0}: {1}', uri.fsPath, err instanceof Error ? err.message : String(err)));
    });
    return { text: Buffer.from(bytes).toString('utf8'), label: path.basename(uri.path) };
  }
  // An Output channel with focus counts as the active editor; it never holds a request.
  const editor = vscode.window.activeTextEditor?.document.uri.scheme === 'output' ? undefined : vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) {
    return { text: editor.document.getText(editor.selection), label: vscode.l10n.t('The selection'), editor, offset: editor.document.offsetAt(editor.selection.start) };
  }
  if (editor && JSON_LANGUAGES.has(editor.document.languageId)) return { text: editor.document.getText(), label: path.basename(editor.document.uri.path), editor, offset: 0 };
  // Whatever else is open (a spec, a script) is not the request: ask rather than send it.
  const text = await ui.input({
    title: vscode.l10n.t('Predict: request'),
    prompt: vscode.l10n.t('{"instances": [...]} or a bare array. For a longer request, open a JSON file or select the request in an editor, then run Predict again.'),
    validate: (t) => (t.trim() ? undefined : vscode.l10n.t('Write the instances as JSON.')),
  });
  return text === undefined ? undefined : { text, label: vscode.l10n.t('The request text') };
}

/** Puts the cursor where the request stops being JSON. */
async function revealError(source: RequestSource, err: InvalidInputError): Promise<void> {
  if (!source.editor || !err.position || source.offset === undefined) return;
  const pos = source.editor.document.positionAt(source.offset + err.position.offset);
  await vscode.window.showTextDocument(source.editor.document, { viewColumn: source.editor.viewColumn, selection: new vscode.Range(pos, pos) });
}

/**
 * `vertexAI.predict(endpoint?, input?)`: endpoint as a node, resource name or `{ name }`;
 * input as in PredictInput. Returns the result and the response document.
 */
export async function predictCommand(deps: PredictDeps, target?: ItemTarget, input?: PredictInput): Promise<PredictOutcome | undefined> {
  const source = await requestSource(input, deps.ui());
  if (source === undefined) return undefined;
  let request: PredictRequest;
  try {
    request = parsePredictRequest(source.text, source.label);
  } catch (err) {
    if (err instanceof InvalidInputError) await revealError(source, err);
    throw err;
  }
  const name = target === undefined ? await pickEndpoint(deps) : resolveResource(deps.views, ENDPOINTS_VIEW, endpointTarget(target), (n) => ENDPOINT.test(n), vscode.l10n.t('endpoint')).name;
  if (!name) return undefined;
  const clients = await deps.views.session.clients();
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Predicting…') }, () =>
    predict(clients, name, request).catch((err: unknown) => {
      throw apiFailure(vscode.l10n.t('Prediction failed on {0}', name), err);
    }),
  );
  const document = await deps.documents.show(result);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(pulse) Prediction: {0} ms', result.latencyMs), 10_000);
  return { result, document };
}
