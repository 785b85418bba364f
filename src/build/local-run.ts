// "Run Job Locally": the primary worker pool's container under docker, with the environment a
// Vertex AI job gives it and a local folder standing in for baseOutputDirectory, like
// `gcloud ai custom-jobs local-run`.
import { isRecord } from '../jobs/proto-json-values';
import type { JobSpecFile } from '../jobs/spec-types';
import { runCli } from './container-cli';
import type { ContainerCli } from './container-cli';

/** Where the output folder is mounted in the container. */
export const CONTAINER_OUTPUT_DIR = '/vertex/output';

export interface LocalRunPlan {
  image: string;
  /** The arguments of `docker run`. */
  args: string[];
  env: Record<string, string>;
}

export interface LocalRunOptions {
  /** Host folder mounted as the job's output directory. */
  outputDir: string;
  /** Runs instead of the pool's image: the image just built from local.build. */
  image?: string;
  name: string;
  network?: string;
}

export class LocalRunError extends Error {
  override readonly name = 'LocalRunError';
}

/** The variables a single-replica job sees (the docs' AIP_* and CLUSTER_SPEC, TF_CONFIG for TensorFlow). */
export function vertexEnvironment(outputDir: string): Record<string, string> {
  return {
    AIP_MODEL_DIR: `${outputDir}/model/`,
    AIP_CHECKPOINT_DIR: `${outputDir}/checkpoints/`,
    AIP_TENSORBOARD_LOG_DIR: `${outputDir}/logs/`,
    CLUSTER_SPEC: JSON.stringify({ cluster: { workerpool0: ['localhost:2222'] }, environment: 'cloud', task: { type: 'workerpool0', index: 0 } }),
    TF_CONFIG: JSON.stringify({ cluster: { chief: ['localhost:2222'] }, environment: 'cloud', task: { type: 'chief', index: 0 } }),
  };
}

export function localRunPlan(spec: JobSpecFile, options: LocalRunOptions): LocalRunPlan {
  const pools = Array.isArray(spec.jobSpec.workerPoolSpecs) ? spec.jobSpec.workerPoolSpecs : [];
  const primary = isRecord(pools[0]) ? pools[0] : undefined;
  if (primary === undefined) throw new LocalRunError('The spec has no worker pool to run: add workerPoolSpecs.');
  if (!isRecord(primary.containerSpec)) {
    throw new LocalRunError('Run Job Locally runs containers, and worker pool 0 runs a Python package. Run `python -m MODULE` in a local environment instead, or switch the spec to a custom container.');
  }
  const container = primary.containerSpec;
  const image = options.image ?? (typeof container.imageUri === 'string' ? container.imageUri : undefined);
  if (image === undefined) throw new LocalRunError('Worker pool 0 has no containerSpec.imageUri to run.');
  const command = Array.isArray(container.command) ? container.command.map(String) : [];
  const args = Array.isArray(container.args) ? container.args.map(String) : [];
  const env: Record<string, string> = {};
  for (const item of Array.isArray(container.env) ? container.env : []) {
    if (isRecord(item) && typeof item.name === 'string') env[item.name] = String(item.value ?? '');
  }
  Object.assign(env, vertexEnvironment(CONTAINER_OUTPUT_DIR));
  const dockerArgs = ['run', '--rm', '--name', options.name, '-v', `${options.outputDir}:${CONTAINER_OUTPUT_DIR}`];
  if (options.network) dockerArgs.push('--network', options.network);
  for (const [key, value] of Object.entries(env)) dockerArgs.push('-e', `${key}=${value}`);
  if (command.length > 0) dockerArgs.push('--entrypoint', command[0]);
  dockerArgs.push(image, ...command.slice(1), ...args);
  return { image, args: dockerArgs, env };
}

/** Runs the plan; a cancel stops the container by name. Returns the container's exit code. */
export async function runLocally(cli: ContainerCli, plan: LocalRunPlan, name: string, onLine: (line: string) => void, signal?: AbortSignal): Promise<number> {
  const stop = () => void runCli(cli.command, ['stop', '--time', '5', name], { env: cli.env }).catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return (await runCli(cli.command, plan.args, { env: cli.env, onLine })).code;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
