import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gcloudEnvironment } from '../emulator/core/endpoint-settings';

export interface GcloudResult<T = unknown> {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when the command printed JSON. */
  json: T | undefined;
}

export interface GcloudRunOptions {
  /** Text for gcloud's stdin. */
  input?: string;
  timeoutMs?: number;
  /** Adds `--format=json` unless false (for commands whose normal output is checked). */
  json?: boolean;
  env?: Record<string, string>;
}

export interface GcloudHarness {
  readonly configDir: string;
  readonly env: Record<string, string>;
  run<T = unknown>(args: string[], opts?: GcloudRunOptions): Promise<GcloudResult<T>>;
  dispose(): Promise<void>;
}

/**
 * The real gcloud CLI pointed at an emulator: a scratch config dir (no account, no
 * credentials sent), the emulator as every API's endpoint, no prompts, no update or
 * metadata-server checks. Each call costs 1–2 s of CPU: keep them few.
 */
export async function createGcloudHarness(emu: { url: string }, project = 'demo-project', region = 'us-central1'): Promise<GcloudHarness> {
  const configDir = await mkdtemp(join(tmpdir(), 'gcloud-emu-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: configDir,
    LANG: 'C.UTF-8',
    CLOUDSDK_CONFIG: configDir,
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
    CLOUDSDK_SURVEY_DISABLE_PROMPTS: 'true',
    ...gcloudEnvironment(emu.url, project, region),
  };
  return {
    configDir,
    env,
    run: (args, opts = {}) => runGcloud(args, { ...env, ...opts.env }, opts),
    dispose: () => rm(configDir, { recursive: true, force: true }),
  };
}

function runGcloud<T>(args: string[], env: Record<string, string>, opts: GcloudRunOptions): Promise<GcloudResult<T>> {
  const argv = opts.json === false ? args : [...args, '--format=json'];
  return new Promise((resolve, reject) => {
    const child = spawn('gcloud', argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) stderr += `\n[gcloud ${args.join(' ')} killed by ${signal}]`;
      let json: T | undefined;
      try {
        json = stdout.trim() ? (JSON.parse(stdout) as T) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
    child.stdin.end(opts.input ?? '');
  });
}
