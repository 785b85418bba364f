// Whether an image tag is already in its registry, and its digest: through the Artifact Registry
// API for REGION-docker.pkg.dev images, through the registry's own v2 API for other registries
// that answer without credentials (a local registry). Anything else cannot tell.
import { findTagDigest, parseArtifactRegistryUri } from '../cloud/artifactRegistry';
import type { Connection } from '../cloud/connection';
import { parseImageReference } from '../jobs/spec-images';

export type ExistingTag =
  | { kind: 'found'; digest: string }
  | { kind: 'missing' }
  | { kind: 'no-repository'; repository: string; location: string; repositoryId: string }
  | { kind: 'unknown'; why: string };

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
const TIMEOUT_MS = 10_000;

export async function lookupTag(conn: Connection, repository: string, tag: string): Promise<ExistingTag> {
  const ar = parseArtifactRegistryUri(`${repository}:${tag}`);
  if (ar?.tag !== undefined) {
    const found = await findTagDigest(conn, { ...ar, tag: ar.tag });
    return found.kind === 'no-repository' ? { ...found, location: ar.location, repositoryId: ar.repository } : found;
  }
  const ref = parseImageReference(repository);
  const host = ref?.host ?? 'docker.io';
  if (ref === undefined || !LOOPBACK.test(host)) return { kind: 'unknown', why: `${host} is not Artifact Registry` };
  const path = ref.path;
  try {
    const response = await fetch(`http://${host}/v2/${path}/manifests/${tag}`, {
      method: 'HEAD', headers: { Accept: MANIFEST_TYPES }, signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 404) return { kind: 'missing' };
    const digest = response.headers.get('docker-content-digest');
    if (response.ok && digest) return { kind: 'found', digest };
    return { kind: 'unknown', why: `${host} answered ${response.status}` };
  } catch (err) {
    return { kind: 'unknown', why: `${host} could not be reached (${(err as Error).message})` };
  }
}
