// Cloud Build v1 over REST (restJson: no client library for it is a dependency): create a docker
// build from a staged source tarball, follow it to the end while streaming its log file from the
// logs bucket, as `gcloud builds submit` does, and return the pushed image's digest.
import type { Connection } from './connection';
import { ApiCallError, restJson } from './restJson';
import type { Json } from './restJson';
import { readObjectFrom } from './storage';

export interface DockerBuildRequest {
  source: { bucket: string; object: string; generation?: string };
  /** The full image reference with its tag. */
  image: string;
  /** Relative to the context root. */
  dockerfile: string;
  target?: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
}

export interface BuildOutcome {
  id: string;
  digest: string;
  logUrl?: string;
}

export class CloudBuildFailedError extends Error {
  override readonly name = 'CloudBuildFailedError';

  constructor(readonly buildId: string, readonly status: string, detail: string, readonly logUrl?: string) {
    super(`Cloud Build ${buildId} ended ${status}: ${detail}.${logUrl ? ` Its log: ${logUrl}` : ''}`);
  }
}

const TERMINAL = new Set(['SUCCESS', 'FAILURE', 'INTERNAL_ERROR', 'TIMEOUT', 'CANCELLED', 'EXPIRED']);
const POLL_MS = 1000;

/** The steps of `gcloud builds submit --tag`, with the Dockerfile, target, build args and labels. */
export function dockerBuildBody(request: DockerBuildRequest): Json {
  const args = ['build', '--network', 'cloudbuild', '--no-cache', '-t', request.image, '-f', request.dockerfile];
  if (request.target) args.push('--target', request.target);
  for (const key of Object.keys(request.buildArgs).sort()) args.push('--build-arg', `${key}=${request.buildArgs[key]}`);
  for (const key of Object.keys(request.labels).sort()) args.push('--label', `${key}=${request.labels[key]}`);
  args.push('.');
  return {
    source: { storageSource: { bucket: request.source.bucket, object: request.source.object, ...(request.source.generation && { generation: request.source.generation }) } },
    steps: [{ name: 'gcr.io/cloud-builders/docker', args }],
    images: [request.image],
  };
}

export interface FollowOptions {
  /** Each new line of the build's log, as it appears. */
  onLog?(line: string): void;
  onStatus?(status: string): void;
  signal?: AbortSignal;
  pollMs?: number;
}

function buildsPath(conn: Connection): string {
  return `projects/${conn.project}/locations/global/builds`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Where the build writes its log file, unless it logs to Cloud Logging only. */
function logObject(build: Json): { bucket: string; object: string } | undefined {
  const options = (build.options ?? {}) as Json;
  if (options.logging === 'CLOUD_LOGGING_ONLY' || options.logging === 'NONE' || typeof build.logsBucket !== 'string') return undefined;
  const match = /^gs:\/\/([^/]+)\/?(.*)$/.exec(build.logsBucket);
  if (!match) return undefined;
  const dir = match[2].replace(/\/+$/, '');
  return { bucket: match[1], object: `${dir ? `${dir}/` : ''}log-${String(build.id)}.txt` };
}

/** Starts a build and follows it to the end; a cancelled signal cancels the build too. */
export async function runDockerBuild(conn: Connection, request: DockerBuildRequest, options: FollowOptions = {}): Promise<BuildOutcome> {
  const op = await restJson(conn, 'cloudbuild', buildsPath(conn), { body: dockerBuildBody(request) });
  const started = ((op.metadata ?? {}) as Json).build as Json | undefined;
  if (started === undefined || typeof started.id !== 'string') throw new Error('Cloud Build did not say which build it started.');
  const id = started.id;
  const log = logObject(started);
  let offset = 0;
  let partial = '';
  const readLog = async (final: boolean): Promise<void> => {
    if (log === undefined || options.onLog === undefined) return;
    const chunk = await readObjectFrom(conn, log, offset).catch((err: unknown) => {
      // The log is a convenience: without read access to the logs bucket the build still runs.
      if (err instanceof ApiCallError && err.api.status === 'PERMISSION_DENIED') return undefined;
      throw err;
    });
    offset += chunk?.length ?? 0;
    const lines = (partial + (chunk?.toString('utf8') ?? '')).split('\n');
    partial = lines.pop() ?? '';
    if (final && partial !== '') lines.push(partial);
    for (const line of lines) options.onLog(line);
  };
  let build = started;
  let status = '';
  try {
    while (!TERMINAL.has(String(build.status))) {
      if (options.signal?.aborted) {
        await restJson(conn, 'cloudbuild', `${buildsPath(conn)}/${id}:cancel`, { body: {} });
        throw options.signal.reason ?? new DOMException('The build was cancelled.', 'AbortError');
      }
      if (build.status !== status) options.onStatus?.((status = String(build.status)));
      await readLog(false);
      await sleep(options.pollMs ?? POLL_MS, options.signal);
      build = await restJson(conn, 'cloudbuild', `${buildsPath(conn)}/${id}`);
    }
  } finally {
    if (!options.signal?.aborted) await readLog(true);
  }
  options.onStatus?.(String(build.status));
  const logUrl = typeof build.logUrl === 'string' ? build.logUrl : undefined;
  if (build.status !== 'SUCCESS') {
    const detail = typeof build.statusDetail === 'string' && build.statusDetail ? build.statusDetail : `the build ended ${String(build.status)}`;
    throw new CloudBuildFailedError(id, String(build.status), detail, logUrl);
  }
  const images = (((build.results ?? {}) as Json).images ?? []) as Json[];
  const pushed = images.find((i) => i.name === request.image) ?? images[0];
  if (pushed === undefined || typeof pushed.digest !== 'string') throw new CloudBuildFailedError(id, 'SUCCESS', 'the build pushed no image', logUrl);
  return { id, digest: pushed.digest, ...(logUrl !== undefined && { logUrl }) };
}
