import * as vscode from 'vscode';
import type * as ArtifactRegistryModule from '../cloud/artifactRegistry';
import type { Connection } from '../cloud/connection';
import type * as ImageBuildModule from '../build/image-build';
import type { BuiltImage } from '../build/image-build';
import type * as PrepareModule from '../build/prepare';
import type { BuilderPreference } from '../build/prepare';
import type { SessionManager } from '../views/sessionManager';
import { abortSignal, builderPreference, readSpecForBuild, writePinnedImage } from './buildSupport';
import type { BuildOutput } from './buildSupport';
import { specUri } from './specTarget';
import type { UserInput } from './userInput';

/* eslint-disable @typescript-eslint/no-require-imports */
const imageBuild = (): typeof ImageBuildModule => require('../build/image-build') as typeof ImageBuildModule;
const prepare = (): typeof PrepareModule => require('../build/prepare') as typeof PrepareModule;
const artifactRegistry = (): typeof ArtifactRegistryModule => require('../cloud/artifactRegistry') as typeof ArtifactRegistryModule;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface BuildImageOptions {
  /** Default: the vertexAI.build.builder setting. */
  builder?: BuilderPreference;
  /** `docker build --network`, for machines where builds must not reach out. */
  network?: string;
  /** Create a missing Artifact Registry repository without asking (true), or never (false). */
  createRepository?: boolean;
}

export interface BuildDeps {
  session: SessionManager;
  output: BuildOutput;
  ui: () => UserInput;
}

/**
 * `vertexAI.buildImage(uri?, options?)`: builds the spec's local.build image (or reuses the tag its
 * context hash names), pushes it and pins the spec to its digest. Returns `repository@digest`.
 */
export async function buildImage(deps: BuildDeps, target?: unknown, options: BuildImageOptions = {}): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    throw new Error(vscode.l10n.t('Building an image runs this workspace\'s Dockerfile and sends its files to a registry, so it needs a trusted workspace.'));
  }
  const uri = specUri(target);
  const state = await deps.session.state();
  if (state.kind !== 'ready') throw new Error(state.message);
  const read = await readSpecForBuild(uri, state.connection.region);
  const build = read.spec.local?.build;
  if (build === undefined) {
    throw new Error(vscode.l10n.t('{0} has no local.build section, so there is nothing to build. Add local.build with image, context and dockerfile.', vscode.workspace.asRelativePath(uri)));
  }
  const built = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building {0}', build.image), cancellable: true },
    (progress, token) => buildWithRepositoryCheck(deps, state.connection, options, async () => prepare().prepareLocalSections({
      conn: state.connection, text: read.text, fileName: uri.fsPath, spec: { ...read.spec, local: { build } },
      ...(read.gitSha !== undefined && { gitCommit: read.gitSha }),
      builder: () => chooseBuilder(deps, options),
      onLine: (line) => deps.output.line(line),
      onStep: (message) => progress.report({ message }),
      signal: abortSignal(token),
    }).then((p) => p.image)),
  );
  if (built === undefined) return undefined;
  showWarnings(built);
  await writePinnedImage(read.doc, built.pinned);
  const message = built.reused
    ? vscode.l10n.t('{0} already had this build (tag {1}); the spec now runs {2}.', built.repository, built.tag, built.digest)
    : vscode.l10n.t('Pushed {0}:{1}; the spec now runs {2}.', built.repository, built.tag, built.digest);
  void vscode.window.showInformationMessage(message);
  return built.pinned;
}

export async function chooseBuilder(deps: Pick<BuildDeps, 'output'>, options: Pick<BuildImageOptions, 'builder' | 'network'>): Promise<ImageBuildModule.Builder> {
  const choice = await prepare().chooseBuilder(builderPreference(options.builder), options.network);
  if (choice.fallbackReason) deps.output.line(vscode.l10n.t('Building with Cloud Build: {0}', choice.fallbackReason));
  return choice.builder;
}

/** Runs `work`; when the image's repository is missing, offers to create it and runs it again. */
export async function buildWithRepositoryCheck<T extends BuiltImage | undefined>(
  deps: Pick<BuildDeps, 'output' | 'ui'>, conn: Connection, options: Pick<BuildImageOptions, 'createRepository'>, work: () => Promise<T>,
): Promise<T> {
  deps.output.get().show(true);
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof imageBuild().RepositoryMissingError)) throw err;
    const create = options.createRepository ?? await deps.ui().confirm(
      vscode.l10n.t('The Docker repository {0} does not exist in {1}. Create it in project {2}?', err.repositoryId, err.location, conn.project), vscode.l10n.t('Create Repository'));
    if (!create) throw err;
    await artifactRegistry().createDockerRepository(conn, err.location, err.repositoryId, 'Training images built by the Vertex AI extension');
    deps.output.line(vscode.l10n.t('Created the Docker repository {0} in {1}.', err.repositoryId, err.location));
    return work();
  }
}

/**
 * For submission: builds and pushes the spec's image and uploads its Python package, as its local
 * sections say, pins the image in the file, and returns the file's text to submit.
 */
export async function prepareSpecForSubmit(
  deps: BuildDeps, uri: vscode.Uri, conn: Connection, progress: vscode.Progress<{ message?: string }>, token?: vscode.CancellationToken,
): Promise<string> {
  const read = await readSpecForBuild(uri, conn.region);
  const prepared = await buildWithRepositoryCheck(deps, conn, {}, async () => {
    const result = await prepare().prepareLocalSections({
      conn, text: read.text, fileName: uri.fsPath, spec: read.spec,
      ...(read.gitSha !== undefined && { gitCommit: read.gitSha }),
      builder: () => chooseBuilder(deps, {}),
      onLine: (line) => deps.output.line(line),
      onStep: (message) => progress.report({ message }),
      ...(token && { signal: abortSignal(token) }),
    });
    return result.image;
  });
  if (prepared !== undefined) {
    showWarnings(prepared);
    await writePinnedImage(read.doc, prepared.pinned);
  }
  return read.doc.getText();
}

/** A context over the size limit, or files kept back for safety, are worth a notification. */
function showWarnings(built: BuiltImage): void {
  for (const warning of built.warnings) void vscode.window.showWarningMessage(warning);
}
