// Registering models: the prebuilt prediction images, staging a local model folder in Cloud
// Storage (parallel, resumable across failures and restarts), and UploadModel itself.
import { join, posix } from 'node:path';
import { listContext } from '../build/context';
import predictionData from '../jobs/data/prediction-images.json';
import { toApiError } from './apiErrors';
import type { Connection } from './connection';
import { locationName } from './connection';
import type { GcsLocation, UploadItem } from './storage';
import { DEFAULT_UPLOAD_CONCURRENCY, storageClient, uploadFiles } from './storage';
import { ApiCallError } from './restJson';
import type { VertexClients } from './vertexClients';

export interface PredictionImage {
  name: string;
  framework: string;
  version: string;
  accelerator: string;
  /** The artifact the image loads from the top of artifactUri; exactly one must be there. */
  files: string[];
}

export const PREDICTION_IMAGES: readonly PredictionImage[] = predictionData.images;

/** The prebuilt image's repository nearest to the region: us, europe or asia. */
export function predictionImageUri(name: string, region: string): string {
  const multiRegion = /^(europe|me|africa)-/.test(region) ? 'europe' : /^(asia|australia)-/.test(region) ? 'asia' : 'us';
  return `${multiRegion}-docker.pkg.dev/vertex-ai/prediction/${name}:latest`;
}

/** The prebuilt image an image URI names, if it is one. */
export function prebuiltImageOf(imageUri: string): PredictionImage | undefined {
  const m = /\/vertex-ai\/prediction\/([^:/]+)(?::latest)?$/.exec(imageUri);
  return m ? PREDICTION_IMAGES.find((i) => i.name === m[1]) : undefined;
}

/**
 * Why the files at the top of a model folder cannot serve with the image, or undefined when
 * they can. Custom images only need a non-empty folder.
 */
export function artifactProblem(topLevelFiles: readonly string[], imageUri: string, where: string): string | undefined {
  const image = prebuiltImageOf(imageUri);
  if (!image) return topLevelFiles.length === 0 ? `${where} holds no model artifacts.` : undefined;
  const present = image.files.filter((f) => topLevelFiles.includes(f));
  if (present.length === 1) return undefined;
  if (present.length === 0) return `${where} has no model file for ${image.framework}: it needs one of ${image.files.join(', ')} at its top level.`;
  return `${where} has several model files (${present.join(', ')}); ${image.framework} serving loads exactly one.`;
}

function rethrow(err: unknown): never {
  const api = toApiError(err);
  throw api ? new ApiCallError('storage', api) : err;
}

/** Names and sizes of the objects under a prefix (relative to it). */
export async function listPrefix(conn: Connection, where: GcsLocation): Promise<Map<string, number>> {
  const prefix = where.object === '' || where.object.endsWith('/') ? where.object : `${where.object}/`;
  try {
    const [files] = await storageClient(conn).bucket(where.bucket).getFiles({ prefix, autoPaginate: true });
    return new Map(files.map((f) => [f.name.slice(prefix.length), Number(f.metadata.size ?? 0)]));
  } catch (err) {
    rethrow(err);
  }
}

const MULTI_REGIONS: Record<string, RegExp> = { US: /^(us|northamerica|southamerica)-/, EU: /^europe-/, ASIA: /^(asia|australia)-/ };

/**
 * Why a bucket cannot hold model artifacts for the region, or undefined: Vertex AI wants them in
 * the model's region or a multi-region containing it. Dual-regions are left to the API.
 */
export function bucketRegionProblem(bucket: string, location: string, region: string): string | undefined {
  const loc = location.toUpperCase();
  const multi = MULTI_REGIONS[loc];
  if (multi) return multi.test(region) ? undefined : `The bucket ${bucket} is in the ${loc} multi-region, which does not hold ${region}. Use a bucket in ${region}.`;
  if (/^[A-Z]+-[A-Z]+\d+$/.test(loc) && loc !== region.toUpperCase()) return `The bucket ${bucket} is in ${loc.toLowerCase()}, not in ${region}, the region of this session. Use a bucket in ${region}, or switch region.`;
  return undefined;
}

/** Throws the region mismatch, if any; a missing bucket is a NOT_FOUND ApiCallError. */
export async function checkBucketRegion(conn: Connection, bucket: string): Promise<void> {
  let location: string;
  try {
    const [metadata] = await storageClient(conn).bucket(bucket).getMetadata();
    location = String(metadata.location ?? '');
  } catch (err) {
    rethrow(err);
  }
  const problem = bucketRegionProblem(bucket, location, conn.region);
  if (problem) throw new Error(problem);
}

export interface StageProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  /** Seconds left at the rate so far; undefined until there is a rate. */
  etaSeconds?: number;
}

export interface StageOptions {
  concurrency?: number;
  /** Tries per file set after a transient failure (unavailable, deadline, network). */
  attempts?: number;
  signal?: AbortSignal;
  onProgress?(progress: StageProgress): void;
  /** Told when a transient failure is retried, with the files still to go. */
  onRetry?(error: unknown, remainingFiles: number): void;
}

export interface StagedFolder {
  uri: string;
  files: string[];
  bytes: number;
  uploadedFiles: number;
  /** Files already there from an earlier, interrupted upload. */
  skippedFiles: number;
}

const TRANSIENT = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'INTERNAL', 'ABORTED', 'RESOURCE_EXHAUSTED']);

function isTransient(err: unknown): boolean {
  if (err instanceof DOMException && err.name === 'AbortError') return false;
  const api = err instanceof ApiCallError ? err.api : toApiError(err);
  if (api) return TRANSIENT.has(api.status);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN)$/.test(code);
}

/**
 * Uploads a local model folder under gs://BUCKET/PREFIX/. Files already there with the same size
 * (from an interrupted or cancelled earlier run) are not sent again; a transient failure halfway
 * retries only what is still missing. Cancelling stops it without registering anything.
 */
export async function stageModelFolder(conn: Connection, folder: string, destination: GcsLocation, options: StageOptions = {}): Promise<StagedFolder> {
  const listing = await listContext(folder);
  const files = listing.files.filter((f) => f.kind === 'file');
  const prefix = destination.object.replace(/\/+$/, '');
  const objectOf = (path: string) => (prefix ? `${prefix}/${path}` : path);
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const start = Date.now();
  let done = { files: 0, bytes: 0 };
  let sentBytes = 0;
  const report = (): void => {
    const elapsed = (Date.now() - start) / 1000;
    const rate = elapsed > 0 && sentBytes > 0 ? sentBytes / elapsed : 0;
    options.onProgress?.({ files: done.files, totalFiles: files.length, bytes: done.bytes, totalBytes, ...(rate > 0 && { etaSeconds: (totalBytes - done.bytes) / rate }) });
  };
  let skippedFiles = 0;
  const attempts = Math.max(1, options.attempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    const present = await listPrefix(conn, { bucket: destination.bucket, object: prefix });
    const missing = files.filter((f) => present.get(f.path) !== sizes.get(f.path));
    if (attempt === 1) skippedFiles = files.length - missing.length;
    done = { files: files.length - missing.length, bytes: totalBytes - missing.reduce((n, f) => n + f.size, 0) };
    report();
    if (missing.length === 0) break;
    const base = { ...done };
    const items: UploadItem[] = missing.map((f) => ({ source: join(folder, ...f.path.split('/')), object: objectOf(f.path) }));
    try {
      await uploadFiles(conn, destination.bucket, items, {
        concurrency: options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY,
        signal: options.signal,
        onProgress: (now) => {
          sentBytes += now.bytes + base.bytes - done.bytes;
          done = { files: base.files + now.files, bytes: base.bytes + now.bytes };
          report();
        },
      });
      break;
    } catch (err) {
      if (options.signal?.aborted || attempt >= attempts || !isTransient(err)) throw err;
      options.onRetry?.(err, missing.length - (done.files - base.files));
    }
  }
  return {
    uri: `gs://${destination.bucket}/${prefix ? `${prefix}/` : ''}`,
    files: files.map((f) => f.path),
    bytes: totalBytes,
    uploadedFiles: files.length - skippedFiles,
    skippedFiles,
  };
}

/** The files at the top level of a Cloud Storage model folder. */
export async function topLevelFiles(conn: Connection, folder: GcsLocation): Promise<string[]> {
  const names = [...(await listPrefix(conn, folder)).keys()];
  return names.filter((n) => n !== '' && !n.includes('/')).map((n) => posix.basename(n));
}

export interface ModelUploadRequest {
  displayName: string;
  /** gs:// folder with the artifacts. */
  artifactUri: string;
  imageUri: string;
  /** Register as a new version of this model instead of a new model. */
  parentModel?: string;
  description?: string;
  labels?: Record<string, string>;
  predictRoute?: string;
  healthRoute?: string;
  ports?: number[];
}

export interface RegisteredModel {
  /** `projects/…/models/{id}` */
  model: string;
  versionId: string;
}

/** UploadModel, waiting for its operation. */
export async function registerModel(clients: VertexClients, request: ModelUploadRequest): Promise<RegisteredModel> {
  const [operation] = await clients.models().uploadModel({
    parent: locationName(clients.connection),
    ...(request.parentModel && { parentModel: request.parentModel.split('@')[0] }),
    model: {
      displayName: request.displayName,
      ...(request.description && { description: request.description }),
      ...(request.labels && { labels: request.labels }),
      artifactUri: request.artifactUri,
      containerSpec: {
        imageUri: request.imageUri,
        ...(request.predictRoute && { predictRoute: request.predictRoute }),
        ...(request.healthRoute && { healthRoute: request.healthRoute }),
        ...(request.ports?.length && { ports: request.ports.map((containerPort) => ({ containerPort })) }),
      },
    },
  });
  const [response] = await operation.promise();
  return { model: String(response.model ?? ''), versionId: String(response.modelVersionId ?? '') };
}

/**
 * The model folder a succeeded custom job wrote: `{baseOutputDirectory}/model/`, where Vertex AI
 * points AIP_MODEL_DIR. Throws a plain message for jobs that are not there yet or have no output.
 */
export async function jobModelFolder(clients: VertexClients, jobName: string): Promise<string> {
  if (!/^projects\/[^/]+\/locations\/[^/]+\/customJobs\/[^/]+$/.test(jobName)) {
    throw new Error(`${jobName} is not a custom job. Upload Model reads the model folder of custom jobs; for other jobs give the model's Cloud Storage folder.`);
  }
  const [job] = await clients.jobs().getCustomJob({ name: jobName });
  const label = job.displayName || jobName;
  if (job.state !== 'JOB_STATE_SUCCEEDED') throw new Error(`The job "${label}" has not succeeded (${String(job.state ?? 'unknown state')}), so it has no model to upload.`);
  const base = job.jobSpec?.baseOutputDirectory?.outputUriPrefix;
  if (!base) throw new Error(`The job "${label}" has no baseOutputDirectory, so Vertex AI gave it no model folder. Give the model's Cloud Storage folder instead.`);
  return `${base.replace(/\/+$/, '')}/model/`;
}
