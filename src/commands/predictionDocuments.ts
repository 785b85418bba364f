import * as vscode from 'vscode';
import type { PredictResult } from '../cloud/prediction';
import { resourceId } from '../cloud/resourceNames';

export const PREDICTION_SCHEME = 'vertexai-prediction';

/** Read-only documents holding prediction responses, kept for the window's life. */
export class PredictionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREDICTION_SCHEME, this);
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Opens the response, with its latency, beside the request. */
  async show(result: PredictResult): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PREDICTION_SCHEME, path: `/prediction-${resourceId(result.endpoint)}-${++this.count}.json` });
    const body = {
      endpoint: result.endpoint,
      deployedModelId: result.deployedModelId,
      model: result.modelVersionId ? `${result.model}@${result.modelVersionId}` : result.model,
      modelDisplayName: result.modelDisplayName,
      latencyMs: result.latencyMs,
      predictions: result.predictions,
    };
    this.contents.set(uri.path, `${JSON.stringify(body, null, 2)}\n`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return doc;
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
