// What the build commands and submission share: the build output channel, reading a spec file the
// way the editor does, the builder setting, and writing a pinned image back into the spec.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BuilderPreference } from '../build/prepare';
import type * as SpecPinModule from '../build/spec-pin';
import type { JobSpecFile } from '../jobs/spec-types';
import type * as SpecAnalysisModule from '../views/spec/specAnalysis';
import { readGitFacts } from './gitFacts';

/* eslint-disable @typescript-eslint/no-require-imports */
const specAnalysis = (): typeof SpecAnalysisModule => require('../views/spec/specAnalysis') as typeof SpecAnalysisModule;
const specPin = (): typeof SpecPinModule => require('../build/spec-pin') as typeof SpecPinModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** One output channel for builds, uploads and local runs, created on first use. */
export class BuildOutput implements vscode.Disposable {
  private channel: vscode.OutputChannel | undefined;

  get(): vscode.OutputChannel {
    this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Vertex AI Build'));
    return this.channel;
  }

  line(text: string): void {
    this.get().appendLine(text);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}

export interface SpecForBuild {
  doc: vscode.TextDocument;
  text: string;
  spec: JobSpecFile;
  gitSha?: string;
}

/** The spec file analyzed as the editor does; a spec with errors is refused, pointing at them. */
export async function readSpecForBuild(uri: vscode.Uri, defaultRegion: string): Promise<SpecForBuild> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.isDirty) await doc.save();
  const text = doc.getText();
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const git = await readGitFacts(uri.fsPath.replace(/[\\/][^\\/]*$/, ''));
  const { analyzeSpecFile, blockingProblems } = specAnalysis();
  const analysis = analyzeSpecFile({
    text, fileName: uri.fsPath, env: process.env, defaultRegion, exists: existsSync,
    ...(folder !== undefined && { workspaceFolder: folder }),
    ...(git.sha !== undefined && { gitSha: git.sha }),
  });
  const errors = blockingProblems(analysis.diagnostics);
  if (errors.length > 0 || analysis.spec === undefined) {
    const first = errors[0];
    throw new Error(vscode.l10n.t('{0} has {1} problem(s) to fix first, starting at line {2}: {3}', vscode.workspace.asRelativePath(uri), Math.max(errors.length, 1),
      (first?.range.start.line ?? 0) + 1, first?.message ?? vscode.l10n.t('the file could not be read')));
  }
  return { doc, text, spec: analysis.spec, ...(git.sha !== undefined && { gitSha: git.sha }) };
}

export function builderPreference(explicit?: BuilderPreference): BuilderPreference {
  return explicit ?? vscode.workspace.getConfiguration('vertexAI').get<BuilderPreference>('build.builder', 'auto');
}

/**
 * Sets the spec's image to the pushed digest, computed on the document as it is now (it may have
 * been edited during the build), in one edit, then saves it.
 */
export async function writePinnedImage(doc: vscode.TextDocument, pinned: string): Promise<void> {
  const edits = specPin().pinImageEdits(doc.getText(), doc.uri.fsPath, pinned);
  if (edits === undefined) {
    throw new Error(vscode.l10n.t('{0} was pushed, but {1} no longer has local.build.image to update: set the image to {0} by hand.', pinned, vscode.workspace.asRelativePath(doc.uri)));
  }
  if (edits.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(vscode.l10n.t('{0} was pushed, but {1} could not be updated: set the image to {0} by hand.', pinned, vscode.workspace.asRelativePath(doc.uri)));
  }
  await doc.save();
}

/** A progress token's cancellation as an AbortSignal. */
export function abortSignal(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
