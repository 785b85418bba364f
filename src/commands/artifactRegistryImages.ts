import * as vscode from 'vscode';
import type * as ArtifactRegistryModule from '../cloud/artifactRegistry';
import type { DockerRepository } from '../cloud/artifactRegistry';
import type { SessionManager } from '../views/sessionManager';
import type { PickItem, UserInput } from './userInput';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const artifactRegistry = (): typeof ArtifactRegistryModule => require('../cloud/artifactRegistry') as typeof ArtifactRegistryModule;

export interface ImagesOptions {
  /** Default: the session's region. */
  location?: string;
  /** A repository ID to show, or to create when `create` is set. */
  repository?: string;
  create?: boolean;
}

const CREATE = Symbol('create');

/**
 * `vertexAI.showArtifactRegistryImages(options?)`: picks (or creates) a Docker repository, then
 * shows its images; the chosen image's URI is copied and returned. With `{repository, create:
 * true}` it only creates the repository and returns its registry URI, without prompts.
 */
export async function showArtifactRegistryImages(deps: { session: SessionManager; ui: () => UserInput }, options: ImagesOptions = {}): Promise<string | undefined> {
  const state = await deps.session.state();
  if (state.kind !== 'ready') throw new Error(state.message);
  const conn = state.connection;
  const location = options.location ?? conn.region;
  const ar = artifactRegistry();
  if (options.create && options.repository) {
    return (await ar.createDockerRepository(conn, location, options.repository)).registryUri;
  }
  let repository: DockerRepository | undefined;
  if (options.repository) {
    repository = await ar.getDockerRepository(conn, `projects/${conn.project}/locations/${location}/repositories/${options.repository}`);
    if (repository === undefined) throw new Error(vscode.l10n.t('There is no Docker repository {0} in {1}.', options.repository, location));
  } else {
    const repositories = await ar.listDockerRepositories(conn, location);
    const picked = await deps.ui().pick<DockerRepository | typeof CREATE>([
      ...repositories.map((r) => ({ label: r.name.split('/').pop() ?? r.name, description: r.registryUri, ...(r.description && { detail: r.description }), value: r })),
      { label: vscode.l10n.t('$(add) Create Docker Repository…'), value: CREATE },
    ], { title: vscode.l10n.t('Docker repositories in {0} ({1})', location, conn.project) });
    if (picked === undefined) return undefined;
    if (picked === CREATE) {
      const id = await deps.ui().input({
        title: vscode.l10n.t('New Docker repository in {0}', location),
        validate: (text) => (/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(text) ? undefined : vscode.l10n.t('Lower-case letters, digits and dashes, starting with a letter.')),
      });
      if (id === undefined) return undefined;
      repository = await ar.createDockerRepository(conn, location, id);
      void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}.', repository.registryUri));
      return repository.registryUri;
    }
    repository = picked;
  }
  const images = await ar.listDockerImages(conn, repository.name);
  const items: PickItem<string>[] = images.map((image) => {
    const uri = ar.taggedUri(image);
    return { label: uri.slice(repository.registryUri.length + 1), description: image.tags.join(', '), ...(image.updateTime && { detail: image.updateTime }), value: uri };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no images yet.', repository.registryUri));
    return undefined;
  }
  const uri = await deps.ui().pick(items, { title: vscode.l10n.t('Images in {0}', repository.registryUri), placeholder: vscode.l10n.t('Choose one to copy its URI') });
  if (uri !== undefined) await vscode.env.clipboard.writeText(uri);
  return uri;
}
