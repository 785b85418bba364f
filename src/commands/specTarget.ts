import * as vscode from 'vscode';
import { isSpecPath } from '../views/spec/specFileNames';

/** The Uri a command was given (a Uri, a path, or an explorer/tree item with a resourceUri). */
export function uriArgument(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string' && target !== '') return /^[a-z][\w+.-]+:/i.test(target) && !/^[a-z]:[\\/]/i.test(target) ? vscode.Uri.parse(target) : vscode.Uri.file(target);
  const resourceUri = (target as { resourceUri?: unknown } | undefined)?.resourceUri;
  return resourceUri instanceof vscode.Uri ? resourceUri : undefined;
}

/** The spec file a command acts on: its argument, else the active editor's file. */
export function specUri(target: unknown): vscode.Uri {
  const uri = uriArgument(target) ?? vscode.window.activeTextEditor?.document.uri;
  if (uri === undefined || !isSpecPath(uri.path)) {
    throw new Error(vscode.l10n.t('Open a job spec file (*.vertex.yaml or *.vertex.json), or right-click one in the Explorer.'));
  }
  return uri;
}

