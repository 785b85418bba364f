import * as vscode from 'vscode';
import type { SpecEdit } from '../../jobs/spec-types';
import type { SpecDiagnostics } from './specDiagnostics';
import { toVsRange } from './specDiagnostics';

/** The quick fixes the validator offers for each problem, as code actions on its range. */
export class SpecCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: SpecDiagnostics) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    const analyzed = await this.diagnostics.analyze(doc);
    if (analyzed.version !== doc.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const { problem, diagnostic } of analyzed.items) {
      if (!diagnostic.range.intersection(range)) continue;
      problem.fixes.forEach((fix, index) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = workspaceEdit(doc.uri, fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = index === 0;
        actions.push(action);
      });
    }
    return actions;
  }
}

function workspaceEdit(uri: vscode.Uri, edits: SpecEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toVsRange(e.range), e.newText);
  return edit;
}
