import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import * as vscode from 'vscode';
import type * as SpecGcloudModule from '../jobs/spec-gcloud';
import type { SpecDiagnostics } from '../views/spec/specDiagnostics';
import { readGitFacts } from './gitFacts';
import { specStem } from '../views/spec/specFileNames';
import { specUri } from './specTarget';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const specGcloud = (): typeof SpecGcloudModule => require('../jobs/spec-gcloud') as typeof SpecGcloudModule;

/**
 * `vertexAI.copyGcloudCommand(uri?)`: the same job as a `gcloud ai` command line, with the same
 * automatic labels, on the clipboard. What the flags cannot say goes into a --config file kept in
 * the extension's storage. Returns the command.
 */
export async function copyGcloudCommand(specs: SpecDiagnostics, storage: vscode.Uri, target?: unknown): Promise<string | undefined> {
  const uri = specUri(target);
  const analyzed = await specs.analyze(await vscode.workspace.openTextDocument(uri));
  const spec = analyzed.analysis.spec;
  const name = basename(uri.fsPath);
  if (spec === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read as a job spec; fix the problems marked in it first.', name));
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const git = await readGitFacts(dirname(uri.fsPath));
  const project = vscode.workspace.getConfiguration('vertexAI').get<string>('project')?.trim();
  const configPath = join(storage.fsPath, 'gcloud-configs', `${specStem(uri.fsPath)}.yaml`);
  const command = specGcloud().gcloudCommand(spec, {
    region: analyzed.analysis.region ?? analyzed.input.defaultRegion,
    displayName: specStem(uri.fsPath),
    configPath,
    ...(project && { project }),
    autoLabels: { gitCommit: git.sha, gitDirty: git.dirty, specPath: folder === undefined ? name : relative(folder, uri.fsPath) },
  });
  if (command.configYaml !== undefined) {
    await mkdir(dirname(configPath), { recursive: true });
    await writeFile(configPath, command.configYaml);
  }
  await vscode.env.clipboard.writeText(command.command);
  const notes = [...command.notes];
  if (spec.local !== undefined) notes.push(vscode.l10n.t('gcloud ignores the local section: build or upload that code first.'));
  if (analyzed.items.some((i) => i.diagnostic.severity === vscode.DiagnosticSeverity.Error)) notes.push(vscode.l10n.t('The spec still has errors; the command sends it as it is.'));
  const where = command.configYaml !== undefined ? ` ${vscode.l10n.t('It reads its --config file from {0}.', configPath)}` : '';
  void vscode.window.showInformationMessage(`${vscode.l10n.t('Copied the gcloud command for {0}.', name)}${where} ${notes.join(' ')}`.trim());
  return command.command;
}
