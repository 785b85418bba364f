import type { Store } from '../state/store';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { alreadyExists, invalidArgument, notFound } from '../core/errors';
import { projectId } from '../core/resource-names';

/**
 * Artifact Registry state: repositories keyed by `projects/{id}/locations/{l}/repositories/{r}`
 * and Docker images keyed by their DockerImage name. Names carry the project id, as this API's do.
 * Cloud Build records the images it pushes here.
 */
export const REPOSITORIES = 'artifactregistry.repositories';
export const DOCKER_IMAGES = 'artifactregistry.dockerImages';

const FORMATS = new Set(['DOCKER', 'MAVEN', 'NPM', 'APT', 'YUM', 'PYTHON', 'KFP', 'GO', 'GENERIC']);
const REPOSITORY_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function repositoryName(store: Store, project: string, location: string, repository: string): string {
  return `projects/${projectId(store, project)}/locations/${location}/repositories/${repository}`;
}

export function dockerHost(location: string): string {
  return `${location}-docker.pkg.dev`;
}

export function createRepository(store: Store, project: string, location: string, repositoryId: string, body: JsonObject): JsonObject {
  if (!REPOSITORY_ID.test(repositoryId)) {
    throw invalidArgument(`Invalid repository ID: "${repositoryId}"`, [
      { field: 'repository_id', description: 'must start with a letter, contain only lower-case letters, digits and hyphens, and be at most 63 characters' },
    ]);
  }
  const format = typeof body.format === 'string' ? body.format.toUpperCase() : '';
  if (!FORMATS.has(format)) {
    throw invalidArgument(`Invalid repository format: "${String(body.format ?? '')}"`, [{ field: 'repository.format', description: 'a repository format is required' }]);
  }
  const name = repositoryName(store, project, location, repositoryId);
  if (store.collection(REPOSITORIES).has(name)) throw alreadyExists('the repository already exists');
  const now = new Date().toISOString();
  const id = projectId(store, project);
  const repository: JsonObject = {
    ...cloneJson(body),
    name,
    format,
    mode: typeof body.mode === 'string' && body.mode !== 'MODE_UNSPECIFIED' ? body.mode : 'STANDARD_REPOSITORY',
    createTime: now,
    updateTime: now,
    sizeBytes: '0',
    ...(format === 'DOCKER' ? { registryUri: `${dockerHost(location)}/${id}/${repositoryId}` } : {}),
    satisfiesPzi: true,
    vulnerabilityScanningConfig: {
      enablementConfig: 'INHERITED',
      enablementState: 'SCANNING_DISABLED',
      enablementStateReason: 'API containerscanning.googleapis.com is not enabled.',
      lastEnableTime: now,
    },
  };
  store.put(REPOSITORIES, name, repository);
  return cloneJson(repository);
}

export function getRepository(store: Store, name: string): JsonObject {
  const repository = store.collection<JsonObject>(REPOSITORIES).get(name);
  if (!repository) throw notFound('Requested entity was not found.');
  return cloneJson(repository);
}

export function listRepositories(store: Store, project: string, location: string): JsonObject[] {
  const prefix = `projects/${projectId(store, project)}/locations/${location}/repositories/`;
  return [...store.collection<JsonObject>(REPOSITORIES).values()]
    .filter((r) => String(r.name).startsWith(prefix))
    .sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1))
    .map((r) => cloneJson(r));
}

/** `LOCATION-docker.pkg.dev/PROJECT/REPO/IMAGE[:TAG|@DIGEST]`, the Artifact Registry image path. */
export interface DockerImageRef {
  location: string;
  project: string;
  repository: string;
  image: string;
  tag?: string;
  digest?: string;
}

export function parseDockerImageUri(uri: string): DockerImageRef | undefined {
  const m = /^([a-z0-9-]+)-docker\.pkg\.dev\/([^/]+)\/([^/]+)\/([^:@]+)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(uri);
  if (!m) return undefined;
  return { location: m[1], project: m[2], repository: m[3], image: m[4], tag: m[5], digest: m[6] };
}

/** An image path as it appears in DockerImage names: nested paths with `/` escaped. */
export function dockerImageId(imageAndVersion: string): string {
  return imageAndVersion.replace(/\//g, '%2F');
}

export interface PushedImage {
  ref: DockerImageRef;
  digest: string;
  imageSizeBytes: number;
  mediaType?: string;
  buildTime?: string;
}

/**
 * Records a pushed image (as a push through the Docker API would), moving its tag off any
 * other image of the same name. Throws NOT_FOUND when the repository does not exist.
 */
export function recordDockerImage(store: Store, pushed: PushedImage): JsonObject {
  const { ref, digest } = pushed;
  const repoName = repositoryName(store, ref.project, ref.location, ref.repository);
  const repository = getRepository(store, repoName);
  if (repository.format !== 'DOCKER') throw invalidArgument(`Repository "${repoName}" is not a Docker repository.`);
  const images = store.collection<JsonObject>(DOCKER_IMAGES);
  const imagePrefix = `${repoName}/dockerImages/${dockerImageId(ref.image)}@`;
  const name = `${imagePrefix}${digest}`;
  const now = new Date().toISOString();
  for (const [key, other] of images) {
    if (key === name || !key.startsWith(imagePrefix) || !ref.tag) continue;
    const tags = (other.tags as string[] | undefined) ?? [];
    if (tags.includes(ref.tag)) store.put(DOCKER_IMAGES, key, { ...other, tags: tags.filter((t) => t !== ref.tag), updateTime: now });
  }
  const existing = images.get(name);
  const tags = [...new Set([...((existing?.tags as string[] | undefined) ?? []), ...(ref.tag ? [ref.tag] : [])])];
  const image: JsonObject = {
    name,
    uri: `${dockerHost(ref.location)}/${projectId(store, ref.project)}/${ref.repository}/${ref.image}@${digest}`,
    tags,
    imageSizeBytes: String(pushed.imageSizeBytes),
    uploadTime: (existing?.uploadTime as string | undefined) ?? now,
    mediaType: pushed.mediaType ?? 'application/vnd.docker.distribution.manifest.v2+json',
    buildTime: pushed.buildTime ?? now,
    updateTime: now,
  };
  store.put(DOCKER_IMAGES, name, image);
  const size = listDockerImages(store, repoName).reduce((sum, i) => sum + Number(i.imageSizeBytes), 0);
  store.put(REPOSITORIES, repoName, { ...repository, sizeBytes: String(size), updateTime: now });
  return cloneJson(image);
}

export function listDockerImages(store: Store, repoName: string): JsonObject[] {
  const prefix = `${repoName}/dockerImages/`;
  return [...store.collection<JsonObject>(DOCKER_IMAGES).values()]
    .filter((i) => String(i.name).startsWith(prefix))
    .sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1))
    .map((i) => cloneJson(i));
}
