import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gcloudEnvironment } from '../test/emulator/core/endpoint-settings';
import { DEMO_PROJECT, DEMO_REGION } from '../test/emulator/seed/demo';

const TIMEOUT_MS = 60_000;

/**
 * `gcloud ai custom-jobs list --limit=50` against the emulator at `url`, for comparison. Never
 * spawnSync here: the emulator runs in this process and must keep answering.
 */
export async function timeGcloudList(url: string): Promise<number> {
  const config = mkdtempSync(join(tmpdir(), 'bench-gcloud-'));
  try {
    const env = { ...process.env, ...gcloudEnvironment(url, DEMO_PROJECT, DEMO_REGION), CLOUDSDK_CONFIG: config, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' };
    const started = performance.now();
    const child = spawn('gcloud', ['ai', 'custom-jobs', 'list', '--limit=50', `--region=${DEMO_REGION}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    }).finally(() => clearTimeout(timer));
    const elapsed = performance.now() - started;
    if (code !== 0) throw new Error(`gcloud ai custom-jobs list failed (${code}): ${stderr}`);
    // Its default format is a YAML document per job.
    const rows = stdout.split('\n').filter((line) => line === '---').length;
    if (rows !== 50) throw new Error(`gcloud listed ${rows} jobs, expected 50:\n${stdout.slice(0, 500)}`);
    return elapsed;
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}
