// Building and pushing with the local docker/podman CLI. The build context is the extension's own
// archive (all three ignore files and the safety layer applied), so a local build sees exactly
// what a Cloud Build would. Registry logins use a throwaway config directory in memory-backed
// storage, removed right after the push, so the access token never lands in ~/.docker.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ContextListing } from './context';
import { contextTarGz } from './context';
import { runCli } from './container-cli';
import type { ContainerCli, RunResult } from './container-cli';

export interface LocalBuildRequest {
  listing: ContextListing;
  /** Relative to the context root. */
  dockerfile: string;
  /** The full image reference with its tag. */
  image: string;
  target?: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** `docker build --network`, e.g. `none` where builds may not reach out. */
  network?: string;
}

export class LocalBuildError extends Error {
  override readonly name = 'LocalBuildError';

  constructor(message: string, readonly tail: string[] = []) {
    super(message);
  }
}

function lastMeaningful(tail: string[]): string {
  return [...tail].reverse().find((l) => /error|denied|unauthorized|refused|not found|failed|unknown/i.test(l))?.trim() ?? tail[tail.length - 1]?.trim() ?? '';
}

function buildArgs(cli: ContainerCli, request: LocalBuildRequest, context: string): string[] {
  const args = ['build', '-f', request.dockerfile, '-t', request.image];
  if (cli.kind === 'docker' && !cli.classicBuilder) args.push('--progress=plain');
  if (request.target) args.push('--target', request.target);
  if (request.network) args.push('--network', request.network);
  for (const key of Object.keys(request.buildArgs).sort()) args.push('--build-arg', `${key}=${request.buildArgs[key]}`);
  for (const key of Object.keys(request.labels).sort()) args.push('--label', `${key}=${request.labels[key]}`);
  args.push(context);
  return args;
}

/** podman cannot read a context from standard input: it gets a copy of exactly the listed files. */
async function copyContext(listing: ContextListing): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vertex-context-'));
  for (const d of listing.dirs) await mkdir(join(dir, ...d.split('/')), { recursive: true });
  for (const file of listing.files) {
    const target = join(dir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    if (file.kind === 'symlink') await symlink(file.target ?? '', target);
    else await copyFile(join(listing.root, ...file.path.split('/')), target);
  }
  return dir;
}

export async function buildLocally(cli: ContainerCli, request: LocalBuildRequest, onLine: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const env = cli.classicBuilder ? { ...cli.env, DOCKER_BUILDKIT: '0' } : cli.env;
  let result: RunResult;
  if (cli.kind === 'docker') {
    result = await runCli(cli.command, buildArgs(cli, request, '-'), { env, stdin: contextTarGz(request.listing), onLine, signal });
  } else {
    const copy = await copyContext(request.listing);
    try {
      result = await runCli(cli.command, buildArgs(cli, request, copy), { env, onLine, signal });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }
  if (result.code !== 0) {
    throw new LocalBuildError(`${cli.kind} build of ${request.image} failed: ${lastMeaningful(result.tail)}`, result.tail);
  }
}

/** Memory-backed where the system has it, so a login's token stays off the disk. */
function secretsDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

const DIGEST = /digest: (sha256:[0-9a-f]{64})/;

export interface PushOptions {
  /** The registry's host and an access token to log in with (user `oauth2accesstoken`). */
  login?: { host: string; token: string };
  onLine(line: string): void;
  signal?: AbortSignal;
}

/** Pushes the image and returns the digest the registry gave it. */
export async function pushImage(cli: ContainerCli, image: string, options: PushOptions): Promise<string> {
  const scratch = await mkdtemp(join(secretsDir(), 'vertex-registry-'));
  try {
    const login = options.login;
    const withConfig = (command: 'login' | 'push'): string[] => login === undefined ? [command]
      : cli.kind === 'docker' ? ['--config', scratch, command] : [command, '--authfile', join(scratch, 'auth.json')];
    if (login !== undefined) {
      const result = await runCli(cli.command, [...withConfig('login'), '-u', 'oauth2accesstoken', '--password-stdin', login.host],
        { env: cli.env, stdin: login.token, signal: options.signal });
      if (result.code !== 0) {
        throw new LocalBuildError(`Logging in to ${login.host} failed: ${lastMeaningful(result.tail)}. Sign in again (gcloud auth application-default login) and retry.`, result.tail);
      }
    }
    const digestFile = join(scratch, 'digest');
    const args = [...withConfig('push'), ...(cli.kind === 'podman' ? ['--digestfile', digestFile] : []), image];
    let digest: string | undefined;
    const push = await runCli(cli.command, args, {
      env: cli.env, signal: options.signal,
      onLine: (line) => {
        digest = DIGEST.exec(line)?.[1] ?? digest;
        options.onLine(line);
      },
    });
    if (push.code !== 0) throw new LocalBuildError(pushFailure(image, push.tail), push.tail);
    digest ??= cli.kind === 'podman' ? (await readFile(digestFile, 'utf8').catch(() => '')).trim() || undefined : await inspectDigest(cli, image);
    if (digest === undefined) throw new LocalBuildError(`${image} was pushed, but ${cli.kind} did not say its digest.`, push.tail);
    return digest;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function pushFailure(image: string, tail: string[]): string {
  const why = lastMeaningful(tail);
  const registry = image.split('/')[0];
  if (/denied|unauthorized|forbidden|403|401/i.test(why)) {
    return `The registry refused the push of ${image}: ${why}. Check that your account may push to it (on Artifact Registry: roles/artifactregistry.writer on the repository).`;
  }
  if (/name unknown|repository .* not found|404/i.test(why)) {
    return `The repository for ${image} does not exist: ${why}. Create it (Artifact Registry: Docker format), or fix local.build.image.`;
  }
  if (/connection refused|no such host|dial tcp|i\/o timeout|server misbehaving|EOF/i.test(why)) {
    return `The registry ${registry} could not be reached to push ${image}: ${why}. Check the registry host in local.build.image and your network.`;
  }
  return `Pushing ${image} failed: ${why}`;
}

async function inspectDigest(cli: ContainerCli, image: string): Promise<string | undefined> {
  const repository = image.replace(/:[\w][\w.-]{0,127}$/, '');
  const result = await runCli(cli.command, ['image', 'inspect', '--format', '{{range .RepoDigests}}{{println .}}{{end}}', image], { env: cli.env });
  return result.tail.map((l) => l.trim()).find((l) => l.startsWith(`${repository}@`))?.split('@')[1];
}
