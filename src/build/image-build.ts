// Build and push one image: name it by the content hash of its context, reuse the tag when the
// registry already has it, else build with the local CLI or Cloud Build, and return its digest.
import { randomUUID, createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { runDockerBuild } from '../cloud/cloudbuild';
import type { Connection } from '../cloud/connection';
import { ensureBucket, uploadStream } from '../cloud/storage';
import { parseImageReference } from '../jobs/spec-images';
import { runCli } from './container-cli';
import type { ContainerCli } from './container-cli';
import { contextContentHash } from './content-hash';
import { contextTarGz, largeContextWarning, listContext } from './context';
import type { ContextListing } from './context';
import { buildLocally, pushImage } from './local-docker';
import { lookupTag } from './registry-lookup';

export type Builder = { kind: 'local'; cli: ContainerCli; network?: string } | { kind: 'cloud-build' };

export interface ImageBuildRequest {
  conn: Connection;
  /** Absolute path of the build context. */
  contextDir: string;
  /** Relative to the context; default Dockerfile. */
  dockerfile?: string;
  /** The image as the spec names it; its tag or digest, if any, is replaced. */
  image: string;
  target?: string;
  buildArgs?: Record<string, string>;
  gitCommit?: string;
  builder: Builder;
  /** Build and push output, line by line. */
  onLine(line: string): void;
  /** What is happening now, for a progress notification. */
  onStep(message: string): void;
  signal?: AbortSignal;
}

export interface BuiltImage {
  repository: string;
  tag: string;
  digest: string;
  /** `repository@digest`: what a job should run. */
  pinned: string;
  /** The registry already had this tag: nothing was built or pushed. */
  reused: boolean;
  warnings: string[];
}

export class ImageBuildError extends Error {
  override readonly name = 'ImageBuildError';
}

/** The Artifact Registry repository an image goes to does not exist (yet). */
export class RepositoryMissingError extends ImageBuildError {
  constructor(readonly repository: string, readonly location: string, readonly repositoryId: string) {
    super(`The Artifact Registry repository ${repositoryId} does not exist in ${location} (${repository}). Create it as a Docker repository, or change local.build.image.`);
  }
}

export const GIT_COMMIT_LABEL = 'org.opencontainers.image.revision';
const TAG_LENGTH = 24;

/** The image's repository: the reference without its tag or digest. */
export function imageRepository(image: string): string {
  const ref = parseImageReference(image);
  if (ref === undefined) throw new ImageBuildError(`${image} is not an image name. Write REGION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE in local.build.image.`);
  return ref.host === undefined ? ref.path : `${ref.host}/${ref.path}`;
}

/** The tag: the context's content hash, mixed with what else changes the image. */
export async function contentTag(listing: ContextListing, dockerfile: string, target: string | undefined, buildArgs: Record<string, string>): Promise<string> {
  const hash = await contextContentHash(listing, buildArgs);
  return createHash('sha256').update(`${hash}\n${dockerfile}\n${target ?? ''}\n`).digest('hex').slice(0, TAG_LENGTH);
}

function needsLogin(host: string): boolean {
  return host.endsWith('-docker.pkg.dev') || host === 'gcr.io' || host.endsWith('.gcr.io');
}

interface ReadContext {
  listing: ContextListing;
  dockerfile: string;
  buildArgs: Record<string, string>;
  tag: string;
  warnings: string[];
}

async function readContext(request: Pick<ImageBuildRequest, 'contextDir' | 'dockerfile' | 'buildArgs' | 'target' | 'onLine' | 'onStep'>): Promise<ReadContext> {
  const dockerfile = request.dockerfile ?? 'Dockerfile';
  const buildArgs = request.buildArgs ?? {};
  const dockerfileStat = await lstat(join(request.contextDir, ...dockerfile.split('/'))).catch(() => undefined);
  if (!dockerfileStat?.isFile()) {
    throw new ImageBuildError(`There is no Dockerfile at ${join(request.contextDir, dockerfile)}. Add one, or set local.build.dockerfile to its path (relative to the context).`);
  }
  request.onStep('reading the build context…');
  const listing = await listContext(request.contextDir, { keep: [dockerfile] });
  const warnings: string[] = [];
  const large = largeContextWarning(listing);
  if (large) warnings.push(large);
  if (listing.ignoredSensitive.length > 0) {
    warnings.push(`Left out of the build context for safety: ${listing.ignoredSensitive.map((s) => `${s.path} (${s.reason})`).join(', ')}. Un-ignore a path with a "!" line in .dockerignore or .vertexignore to send it.`);
  }
  for (const warning of warnings) request.onLine(`Warning: ${warning}`);
  return { listing, dockerfile, buildArgs, tag: await contentTag(listing, dockerfile, request.target, buildArgs), warnings };
}

export async function buildAndPushImage(request: ImageBuildRequest): Promise<BuiltImage> {
  const { conn } = request;
  const repository = imageRepository(request.image);
  const { listing, dockerfile, buildArgs, tag, warnings } = await readContext(request);
  const tagged = `${repository}:${tag}`;

  request.onStep(`checking whether ${tagged} exists…`);
  const existing = await lookupTag(conn, repository, tag);
  if (existing.kind === 'no-repository') throw new RepositoryMissingError(existing.repository, existing.location, existing.repositoryId);
  if (existing.kind === 'found') {
    request.onLine(`${tagged} is already in the registry (${existing.digest}): the context has not changed, so nothing is built or pushed.`);
    return { repository, tag, digest: existing.digest, pinned: `${repository}@${existing.digest}`, reused: true, warnings };
  }
  if (existing.kind === 'unknown') request.onLine(`Could not check whether ${tagged} exists (${existing.why}); building it.`);

  const labels: Record<string, string> = request.gitCommit ? { [GIT_COMMIT_LABEL]: request.gitCommit } : {};
  const digest = request.builder.kind === 'local'
    ? await buildWithCli(request, request.builder, { listing, dockerfile, tagged, buildArgs, labels })
    : await buildWithCloudBuild(request, { listing, dockerfile, tagged, buildArgs, labels });
  request.onLine(`Pushed ${repository}@${digest}`);
  return { repository, tag, digest, pinned: `${repository}@${digest}`, reused: false, warnings };
}

interface Prepared {
  listing: ContextListing;
  dockerfile: string;
  tagged: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
}

async function buildWithCli(request: ImageBuildRequest, builder: Extract<Builder, { kind: 'local' }>, p: Prepared): Promise<string> {
  request.onStep(`building ${p.tagged} with ${builder.cli.kind}…`);
  await buildLocally(builder.cli, {
    listing: p.listing, dockerfile: p.dockerfile, image: p.tagged, buildArgs: p.buildArgs, labels: p.labels,
    ...(request.target !== undefined && { target: request.target }),
    ...(builder.network !== undefined && { network: builder.network }),
  }, request.onLine, request.signal);
  const host = p.tagged.split('/')[0];
  let login: { host: string; token: string } | undefined;
  if (needsLogin(host) && request.conn.authClient) {
    const { token } = await request.conn.authClient.getAccessToken();
    if (token) login = { host, token };
  }
  request.onStep(`pushing ${p.tagged}…`);
  return pushImage(builder.cli, p.tagged, { ...(login && { login }), onLine: request.onLine, ...(request.signal && { signal: request.signal }) });
}

/** Like `gcloud builds submit --tag`: the context goes to gs://PROJECT_cloudbuild/source/TIME-UUID.tgz. */
async function buildWithCloudBuild(request: ImageBuildRequest, p: Prepared): Promise<string> {
  const { conn } = request;
  const bucket = `${conn.project}_cloudbuild`;
  const object = `source/${(Date.now() / 1000).toFixed(6)}-${randomUUID().replace(/-/g, '')}.tgz`;
  request.onStep('uploading the build context…');
  const { created } = await ensureBucket(conn, bucket, 'US');
  if (created) request.onLine(`Created the staging bucket gs://${bucket}.`);
  const uploaded = await uploadStream(conn, { bucket, object }, contextTarGz(p.listing), 'application/gzip');
  request.onLine(`Uploaded the build context (${p.listing.files.length} files, ${uploaded.bytes} bytes compressed) to ${uploaded.uri}.`);
  request.onStep(`building ${p.tagged} with Cloud Build…`);
  const outcome = await runDockerBuild(conn, {
    source: { bucket, object, ...(uploaded.generation !== undefined && { generation: uploaded.generation }) },
    image: p.tagged, dockerfile: p.dockerfile, buildArgs: p.buildArgs, labels: p.labels,
    ...(request.target !== undefined && { target: request.target }),
  }, {
    onLog: request.onLine,
    onStatus: (status) => request.onLine(`Cloud Build: ${status}`),
    ...(request.signal && { signal: request.signal }),
  });
  return outcome.digest;
}

export type LocalImageRequest = Pick<ImageBuildRequest, 'contextDir' | 'dockerfile' | 'buildArgs' | 'target' | 'gitCommit' | 'onLine' | 'onStep' | 'signal'> & {
  builder: Extract<Builder, { kind: 'local' }>;
  /** Local name of the image, without a tag. */
  name: string;
};

/** Builds without pushing, for a local run; an unchanged context reuses the image already built. */
export async function buildLocalImage(request: LocalImageRequest): Promise<string> {
  const { listing, dockerfile, buildArgs, tag } = await readContext(request);
  const tagged = `${request.name}:${tag}`;
  const { cli, network } = request.builder;
  const inspect = await runCli(cli.command, ['image', 'inspect', '--format', '{{.Id}}', tagged], { env: cli.env });
  if (inspect.code === 0) {
    request.onLine(`${tagged} was built before from the same context; running it.`);
    return tagged;
  }
  request.onStep(`building ${tagged} with ${cli.kind}…`);
  await buildLocally(cli, {
    listing, dockerfile, image: tagged, buildArgs, labels: request.gitCommit ? { [GIT_COMMIT_LABEL]: request.gitCommit } : {},
    ...(request.target !== undefined && { target: request.target }),
    ...(network !== undefined && { network }),
  }, request.onLine, request.signal);
  return tagged;
}
