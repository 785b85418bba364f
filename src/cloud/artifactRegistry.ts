// Artifact Registry's REST API (through restJson: no client library for it is a dependency), for
// the guided submit flow's image list, the "does this image exist" check, the build's tag reuse
// check and picking or creating the Docker repository an image is pushed to.
import type { Connection } from './connection';
import { ApiCallError, restJson } from './restJson';

export interface DockerRepository {
  /** projects/P/locations/L/repositories/R */
  name: string;
  /** L-docker.pkg.dev/P/R */
  registryUri: string;
  description?: string;
}

export interface DockerImage {
  /** L-docker.pkg.dev/P/R/IMAGE@sha256:… */
  uri: string;
  tags: string[];
  updateTime?: string;
}

type Json = Record<string, unknown>;
const MAX_PAGES = 10;
const OPERATION_POLLS = 60;

async function listAll<T>(conn: Connection, path: string, field: string, pageSize: number): Promise<T[]> {
  const items: T[] = [];
  let pageToken = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await restJson(conn, 'artifactregistry', path, { query: { pageSize: String(pageSize), ...(pageToken && { pageToken }) } });
    items.push(...((Array.isArray(body[field]) ? body[field] : []) as T[]));
    pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : '';
    if (!pageToken) break;
  }
  return items;
}

export async function listDockerRepositories(conn: Connection, location: string): Promise<DockerRepository[]> {
  const repositories = await listAll<Json>(conn, `projects/${conn.project}/locations/${location}/repositories`, 'repositories', 500);
  return repositories
    .filter((r) => r.format === 'DOCKER' && typeof r.name === 'string')
    .map(toRepository);
}

function toRepository(r: Json): DockerRepository {
  const [, project, , loc, , repo] = String(r.name).split('/');
  return {
    name: String(r.name),
    registryUri: typeof r.registryUri === 'string' ? r.registryUri : `${loc}-docker.pkg.dev/${project}/${repo}`,
    ...(typeof r.description === 'string' && { description: r.description }),
  };
}

/** The repository, or undefined when it does not exist. */
export async function getDockerRepository(conn: Connection, name: string): Promise<DockerRepository | undefined> {
  try {
    return toRepository(await restJson(conn, 'artifactregistry', name));
  } catch (err) {
    if (err instanceof ApiCallError && err.api.status === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** Creates a Docker repository and waits for the operation that makes it. */
export async function createDockerRepository(conn: Connection, location: string, repositoryId: string, description?: string): Promise<DockerRepository> {
  let op = await restJson(conn, 'artifactregistry', `projects/${conn.project}/locations/${location}/repositories`, {
    query: { repositoryId },
    body: { format: 'DOCKER', ...(description !== undefined && { description }) },
  });
  for (let i = 0; !op.done && i < OPERATION_POLLS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    op = await restJson(conn, 'artifactregistry', String(op.name));
  }
  const error = op.error as Json | undefined;
  if (error) throw new ApiCallError('artifactregistry', { status: 'UNKNOWN', code: 2, message: String(error.message ?? 'Creating the repository failed.'), details: [] });
  if (!op.done) throw new Error(`Creating the repository ${repositoryId} did not finish within ${OPERATION_POLLS} s; check it in the Cloud Console.`);
  const response = (op.response ?? {}) as Json;
  return toRepository({ name: `projects/${conn.project}/locations/${location}/repositories/${repositoryId}`, ...response });
}

export async function listDockerImages(conn: Connection, repository: string): Promise<DockerImage[]> {
  const images = await listAll<Json>(conn, `${repository}/dockerImages`, 'dockerImages', 1000);
  return images
    .filter((i) => typeof i.uri === 'string')
    .map((i) => ({
      uri: String(i.uri),
      tags: Array.isArray(i.tags) ? i.tags.map(String) : [],
      ...(typeof i.updateTime === 'string' && { updateTime: i.updateTime }),
    }));
}

/** The image's URI by tag when it has one (what a job spec names), else by digest. */
export function taggedUri(image: DockerImage): string {
  const base = image.uri.replace(/@sha256:[0-9a-f]+$/, '');
  return image.tags.length > 0 ? `${base}:${image.tags.includes('latest') ? 'latest' : image.tags[0]}` : image.uri;
}

export interface ArtifactRegistryImageRef {
  location: string;
  project: string;
  repository: string;
  image: string;
  tag?: string;
  digest?: string;
}

/** `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE[:TAG|@DIGEST]`; other registries give undefined. */
export function parseArtifactRegistryUri(uri: string): ArtifactRegistryImageRef | undefined {
  const match = /^([a-z0-9-]+)-docker\.pkg\.dev\/([^/]+)\/([^/]+)\/([^:@]+)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(uri);
  if (!match) return undefined;
  return { location: match[1], project: match[2], repository: match[3], image: match[4], ...(match[5] && { tag: match[5] }), ...(match[6] && { digest: match[6] }) };
}

/**
 * Whether an Artifact Registry image exists: 'missing' when its repository answers without it (or
 * the repository is not there), 'unknown' when the registry cannot tell us (another registry, no
 * permission, network).
 */
export async function findDockerImage(conn: Connection, uri: string): Promise<'exists' | 'missing' | 'unknown'> {
  const ref = parseArtifactRegistryUri(uri);
  if (ref === undefined) return 'unknown';
  let images: DockerImage[];
  try {
    images = await listDockerImages(conn, `projects/${ref.project}/locations/${ref.location}/repositories/${ref.repository}`);
  } catch (err) {
    return err instanceof ApiCallError && err.api.status === 'NOT_FOUND' ? 'missing' : 'unknown';
  }
  const prefix = `${ref.location}-docker.pkg.dev/${ref.project}/${ref.repository}/${ref.image}@`;
  const tag = ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
  const found = images.some((i) => i.uri.startsWith(prefix) && (ref.digest !== undefined ? i.uri.endsWith(`@${ref.digest}`) : i.tags.includes(tag ?? '')));
  return found ? 'exists' : 'missing';
}

export type TagLookup = { kind: 'found'; digest: string } | { kind: 'missing' } | { kind: 'no-repository'; repository: string };

/** The digest an Artifact Registry tag points at; other errors (permissions, network) are thrown. */
export async function findTagDigest(conn: Connection, ref: ArtifactRegistryImageRef & { tag: string }): Promise<TagLookup> {
  const repository = `projects/${ref.project}/locations/${ref.location}/repositories/${ref.repository}`;
  let images: DockerImage[];
  try {
    images = await listDockerImages(conn, repository);
  } catch (err) {
    if (err instanceof ApiCallError && err.api.status === 'NOT_FOUND') return { kind: 'no-repository', repository };
    throw err;
  }
  const prefix = `${ref.location}-docker.pkg.dev/${ref.project}/${ref.repository}/${ref.image}@`;
  const image = images.find((i) => i.uri.startsWith(prefix) && i.tags.includes(ref.tag));
  return image ? { kind: 'found', digest: image.uri.slice(prefix.length) } : { kind: 'missing' };
}
