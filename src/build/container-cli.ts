// The docker (or podman) command line: find one whose daemon answers, and run it with its output
// streamed line by line. Secrets only ever go to its standard input.
import { spawn } from 'node:child_process';

export type CliKind = 'docker' | 'podman';

export interface ContainerCli {
  kind: CliKind;
  /** The executable to run. */
  command: string;
  /** Environment for every call (DOCKER_HOST and friends come from the user's). */
  env: NodeJS.ProcessEnv;
  /** Docker without the buildx plugin builds with the classic builder. */
  classicBuilder: boolean;
}

export type CliProblem =
  | { kind: 'missing'; message: string }
  | { kind: 'daemon-down'; message: string };

export interface RunResult {
  code: number;
  /** The last lines of output, for error messages. */
  tail: string[];
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to standard input, then closed: a password, or a context archive. */
  stdin?: string | NodeJS.ReadableStream;
  onLine?(line: string): void;
  signal?: AbortSignal;
}

const TAIL_LINES = 40;

/** Runs the CLI; resolves with its exit code (never rejects on a non-zero one). */
export function runCli(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const tail: string[] = [];
    const onAbort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        const lines = (partial + text).split(/\r?\n|\r/);
        partial = lines.pop() ?? '';
        for (const line of lines) emit(line);
      });
      stream.on('end', () => partial && emit(partial));
    }
    function emit(line: string): void {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.onLine?.(line);
    }
    child.on('error', (err) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) reject(options.signal.reason ?? new DOMException('Cancelled.', 'AbortError'));
      else resolve({ code: code ?? (signal ? 128 : 1), tail });
    });
    child.stdin.on('error', () => undefined);
    if (options.stdin === undefined) child.stdin.end();
    else if (typeof options.stdin === 'string') child.stdin.end(options.stdin);
    else options.stdin.pipe(child.stdin);
  });
}

function daemonDownMessage(kind: CliKind, tail: string[]): string {
  const why = tail.find((l) => /cannot connect|connection refused|no such file|permission denied|is the docker daemon running/i.test(l)) ?? tail[tail.length - 1] ?? '';
  return `${kind} is installed, but its daemon does not answer (${why.trim()}). Start Docker (or check DOCKER_HOST), or build with Cloud Build instead.`;
}

/**
 * The first of the preferred CLIs whose daemon answers. A CLI that is installed but cannot reach
 * its daemon is reported as such, so the user learns to start it rather than install it.
 */
export async function findContainerCli(preferred: readonly CliKind[] = ['docker', 'podman'], env: NodeJS.ProcessEnv = process.env): Promise<ContainerCli | CliProblem> {
  let problem: CliProblem | undefined;
  for (const kind of preferred) {
    let version: RunResult;
    try {
      version = await runCli(kind, ['version', '--format', kind === 'docker' ? '{{.Server.Version}}' : '{{.Version}}'], { env });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    if (version.code !== 0) {
      problem ??= { kind: 'daemon-down', message: daemonDownMessage(kind, version.tail) };
      continue;
    }
    const classicBuilder = kind === 'docker' && (await runCli(kind, ['buildx', 'version'], { env }).catch(() => ({ code: 1, tail: [] }))).code !== 0;
    return { kind, command: kind, env, classicBuilder };
  }
  return problem ?? {
    kind: 'missing',
    message: `Neither ${preferred.join(' nor ')} is installed (or on PATH). Install Docker, or build with Cloud Build instead.`,
  };
}

export function isCliProblem(value: ContainerCli | CliProblem): value is CliProblem {
  return value.kind === 'missing' || value.kind === 'daemon-down';
}
