import * as vscode from 'vscode';

/** Validate · Submit · Copy as gcloud command, on the first line of every spec file. */
export class SpecCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(check) Validate'), command: 'vertexAI.validateSpec', arguments: [doc.uri] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(cloud-upload) Submit'), command: 'vertexAI.submitTrainingJob', arguments: [doc.uri] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(terminal) Copy as gcloud command'), command: 'vertexAI.copyGcloudCommand', arguments: [doc.uri] }),
    ];
  }
}
