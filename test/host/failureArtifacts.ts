import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

export function failureDir(suiteName: string): string {
  return join(REPO_ROOT, 'out', 'host-failure', suiteName);
}

export async function clearFailureArtifacts(suiteName: string): Promise<void> {
  await rm(failureDir(suiteName), { recursive: true, force: true });
}

export interface FailureEvidence {
  suiteName: string;
  page?: Page;
  consoleLines: readonly string[];
  codeServerLog?: string;
  /** The profile's user-data dir: its logs/ holds the extension host's and the server's logs. */
  userDataDir: string;
}

/** Saves what is needed to diagnose a host that hung or broke, and returns where it went. */
export async function saveFailureArtifacts(evidence: FailureEvidence): Promise<string> {
  const dir = failureDir(evidence.suiteName);
  await mkdir(dir, { recursive: true });
  if (evidence.page && !evidence.page.isClosed()) {
    await evidence.page.screenshot({ path: join(dir, 'screenshot.png'), timeout: 10_000 }).catch(() => undefined);
  }
  await writeFile(join(dir, 'workbench-console.log'), evidence.consoleLines.join('\n') + '\n');
  if (evidence.codeServerLog && existsSync(evidence.codeServerLog)) await cp(evidence.codeServerLog, join(dir, 'code-server.log'));
  const logs = join(evidence.userDataDir, 'logs');
  if (existsSync(logs)) await cp(logs, join(dir, 'host-logs'), { recursive: true });
  return relative(process.cwd(), dir) || dir;
}
