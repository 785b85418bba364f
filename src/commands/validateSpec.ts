import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SpecDiagnostics } from '../views/spec/specDiagnostics';
import { specUri } from './specTarget';

export interface ValidationSummary {
  errors: number;
  warnings: number;
  infos: number;
}

/** `vertexAI.validateSpec(uri?)`: the validator's verdict on a spec file, marked in the file and counted. */
export async function validateSpec(specs: SpecDiagnostics, target?: unknown): Promise<ValidationSummary> {
  const uri = specUri(target);
  const { items } = await specs.analyze(await vscode.workspace.openTextDocument(uri));
  const count = (severity: vscode.DiagnosticSeverity): number => items.filter((i) => i.diagnostic.severity === severity).length;
  const summary = { errors: count(vscode.DiagnosticSeverity.Error), warnings: count(vscode.DiagnosticSeverity.Warning), infos: count(vscode.DiagnosticSeverity.Information) };
  const name = basename(uri.fsPath);
  if (summary.errors + summary.warnings === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no problems.', name));
  } else {
    const show = vscode.l10n.t('Show Problems');
    const message = vscode.l10n.t('{0}: {1} error(s), {2} warning(s).', name, summary.errors, summary.warnings);
    const shown = summary.errors > 0 ? vscode.window.showErrorMessage(message, show) : vscode.window.showWarningMessage(message, show);
    void shown.then((choice) => choice === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
  }
  return summary;
}
