import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { codeServerEntry, hostInstallDir } from './paths';
import type { TestProfile } from './profile';

export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  logFile: string;
  /** Everything code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  profile: Pick<TestProfile, 'userDataDir' | 'extensionsDir' | 'configFile' | 'workspaceDir'>;
  logFile: string;
  /** 0 picks a free port. */
  port?: number;
  folder?: string;
  env?: NodeJS.ProcessEnv;
  installRoot?: string;
  startTimeoutMs?: number;
}

const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))/;

/** Process groups of every server still running, so an abrupt exit can still kill them. */
const running = new Set<number>();
process.on('exit', () => {
  for (const pgid of running) killGroup(pgid, 'SIGKILL');
});

export function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { profile } = options;
  const args = [
    codeServerEntry(options.installRoot ?? hostInstallDir()),
    '--config', profile.configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--extensions-dir', profile.extensionsDir,
    '--user-data-dir', profile.userDataDir,
    options.folder ?? profile.workspaceDir,
  ];
  // Its own process group: the extension host and pty helpers die with the server.
  const child = spawn(process.execPath, args, {
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  if (pgid !== undefined) running.add(pgid);
  const log = createWriteStream(options.logFile);
  let output = '';
  const exited = new Promise<void>((done) => child.on('exit', () => done()));

  const stop = async (): Promise<void> => {
    if (pgid !== undefined && running.has(pgid)) {
      killGroup(pgid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      killGroup(pgid, 'SIGKILL');
      running.delete(pgid);
    }
    await new Promise((done) => log.end(done));
  };

  return new Promise((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      void stop().then(() => reject(new Error(`code-server did not start within ${timeoutMs / 1000} s. Its output:\n${output}`)));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      log.write(text);
      const match = LISTENING.exec(output);
      if (match && match[1] && match[2]) {
        clearTimeout(timer);
        resolve({ url: match[1], port: Number(match[2]), logFile: options.logFile, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`code-server could not be started: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? code}) before it was listening. Its output:\n${output}`));
    });
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}
