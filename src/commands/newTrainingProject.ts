import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type * as RenderModule from '../scaffold/render';
import type { Packaging, TemplateId } from '../scaffold/templates';
import type * as TemplatesModule from '../scaffold/templates';
import type { SessionManager } from '../views/sessionManager';
import type { PickItem, UserInput } from './userInput';

/* eslint-disable @typescript-eslint/no-require-imports */
const render = (): typeof RenderModule => require('../scaffold/render') as typeof RenderModule;
const templates = (): typeof TemplatesModule => require('../scaffold/templates') as typeof TemplatesModule;
/* eslint-enable @typescript-eslint/no-require-imports */

export type OpenChoice = 'open' | 'newWindow' | 'addToWorkspace' | 'none';

export interface NewProjectOptions {
  template?: TemplateId;
  packaging?: Packaging;
  /** The folder the project folder is made in. */
  parentFolder?: string;
  name?: string;
  /** The Cloud Storage bucket the specs name; by default PROJECT-vertex-staging, the bucket Submit and Upload Model default to. */
  bucket?: string;
  /** What to do with the new folder; asked when absent. */
  open?: OpenChoice;
}

/**
 * `vertexAI.newTrainingProject(options?)`: picks a template, packaging, folder and name (each only
 * when not given), writes the project with progress and offers to open it. Returns its folder.
 */
export async function newTrainingProject(deps: { session: SessionManager; ui: () => UserInput }, options: NewProjectOptions = {}): Promise<string | undefined> {
  const ui = deps.ui();
  const { TEMPLATES } = templates();
  const template = options.template ?? await ui.pick(TEMPLATES.map((t): PickItem<TemplateId> => ({ label: t.label, detail: t.description, value: t.id })),
    { title: vscode.l10n.t('New Training Project: template') });
  if (template === undefined) return undefined;
  const packaging = options.packaging ?? await ui.pick<Packaging>([
    { label: vscode.l10n.t('Python package on a prebuilt container'), detail: vscode.l10n.t('No Docker needed: the code is packaged and installed on a Vertex AI image.'), value: 'python-package' },
    { label: vscode.l10n.t('Custom container'), detail: vscode.l10n.t('A Dockerfile based on the prebuilt image, built with Docker or Cloud Build.'), value: 'custom-container' },
  ], { title: vscode.l10n.t('New Training Project: packaging') });
  if (packaging === undefined) return undefined;
  const name = options.name ?? await ui.input({
    title: vscode.l10n.t('New Training Project: name'),
    prompt: vscode.l10n.t('Lower-case letters, digits and dashes; it names the folder, the job, the package and the image.'),
    value: 'my-training',
    validate: (text) => {
      try {
        render().renderProject({ template, packaging, name: text });
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (name === undefined) return undefined;
  const parent = options.parentFolder ?? await ui.input({
    title: vscode.l10n.t('New Training Project: folder'),
    prompt: vscode.l10n.t('The folder to create {0} in.', name),
    value: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir(),
    validate: (text) => (isAbsolute(text) ? undefined : vscode.l10n.t('Give an absolute path.')),
  });
  if (parent === undefined) return undefined;

  const state = await deps.session.state();
  const bucket = options.bucket ?? (state.kind === 'ready' ? `${state.connection.project}-vertex-staging` : undefined);
  const files = render().renderProject({
    template, packaging, name,
    ...(bucket !== undefined && { bucket }),
    ...(state.kind === 'ready' && { project: state.connection.project, region: state.connection.region }),
  });
  const folder = join(parent, name);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating {0}', folder) }, (progress) =>
    render().writeProject(folder, files, (path, _done, total) => progress.report({ message: path, increment: 100 / total })));

  const open = options.open ?? await ui.pick<OpenChoice>([
    { label: vscode.l10n.t('Open'), value: 'open' },
    { label: vscode.l10n.t('Open in New Window'), value: 'newWindow' },
    { label: vscode.l10n.t('Add to Workspace'), value: 'addToWorkspace' },
    { label: vscode.l10n.t('Not Now'), value: 'none' },
  ], { title: vscode.l10n.t('Created {0}. Open it?', name) });
  const uri = vscode.Uri.file(folder);
  if (open === 'open' || open === 'newWindow') {
    await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: open === 'newWindow' });
  } else if (open === 'addToWorkspace') {
    vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri });
  }
  return folder;
}
