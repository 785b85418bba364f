import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type * as ContextModule from '../build/context';
import type * as StorageModule from '../cloud/storage';
import type * as SpecRulesModule from '../jobs/spec-rules-shape';
import type { SessionManager } from '../views/sessionManager';
import { abortSignal } from './buildSupport';
import type { BuildOutput } from './buildSupport';
import { uriArgument } from './specTarget';
import type { UserInput } from './userInput';

/* eslint-disable @typescript-eslint/no-require-imports */
const buildContext = (): typeof ContextModule => require('../build/context') as typeof ContextModule;
const storage = (): typeof StorageModule => require('../cloud/storage') as typeof StorageModule;
const parseGcsUri = (uri: string): ReturnType<typeof SpecRulesModule.parseGcsUri> => (require('../jobs/spec-rules-shape') as typeof SpecRulesModule).parseGcsUri(uri);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * `vertexAI.uploadFolder(folder?, destination?)`: uploads a folder (training data, code) to
 * gs://BUCKET/PREFIX, many files at a time, leaving out what .vertexignore and the other ignore
 * files exclude and the files that are never sent (.git, .env, keys). Returns the destination.
 */
export async function uploadFolder(deps: { session: SessionManager; output: BuildOutput; ui: () => UserInput }, target?: unknown, destination?: string): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Uploading sends this workspace\'s files to Google Cloud, so it needs a trusted workspace.'));
  const state = await deps.session.state();
  if (state.kind !== 'ready') throw new Error(state.message);
  const folder = uriArgument(target)?.fsPath ?? await deps.ui().input({
    title: vscode.l10n.t('Upload Folder: folder'),
    value: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '',
    validate: (text) => (isAbsolute(text) ? undefined : vscode.l10n.t('Give an absolute path.')),
  });
  if (folder === undefined) return undefined;
  const to = destination ?? await deps.ui().input({
    title: vscode.l10n.t('Upload Folder: destination'),
    prompt: vscode.l10n.t('gs://BUCKET/PATH: the files keep their paths below it.'),
    validate: (text) => (parseGcsUri(text) ? undefined : vscode.l10n.t('Write gs://BUCKET/PATH.')),
  });
  if (to === undefined) return undefined;
  const where = parseGcsUri(to);
  if (where === undefined) throw new Error(vscode.l10n.t('{0} is not a Cloud Storage location: write gs://BUCKET/PATH.', to));
  const prefix = where.object.replace(/\/+$/, '');
  const listing = await buildContext().listContext(folder);
  if (listing.ignoredSensitive.length > 0) {
    deps.output.line(vscode.l10n.t('Not uploaded, for safety: {0}', listing.ignoredSensitive.map((s) => s.path).join(', ')));
  }
  const items = listing.files.filter((f) => f.kind === 'file').map((f) => ({ source: join(folder, ...f.path.split('/')), object: prefix ? `${prefix}/${f.path}` : f.path }));
  const base = `gs://${where.bucket}${prefix ? `/${prefix}` : ''}`;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading {0} files to {1}', items.length, base), cancellable: true },
    (progress, token) => {
      let last = 0;
      return storage().uploadFiles(state.connection, where.bucket, items, {
        signal: abortSignal(token),
        onProgress: (done, total) => {
          const percent = total.bytes > 0 ? (done.bytes / total.bytes) * 100 : (done.files / total.files) * 100;
          progress.report({ message: vscode.l10n.t('{0} of {1} files', done.files, total.files), increment: percent - last });
          last = percent;
        },
      });
    },
  );
  deps.output.line(vscode.l10n.t('Uploaded {0} files ({1} bytes) from {2} to {3}.', items.length, listing.totalBytes, folder, base));
  void vscode.window.showInformationMessage(vscode.l10n.t('Uploaded {0} files to {1}.', items.length, base));
  return base;
}
