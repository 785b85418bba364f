// The commit and dirty flag of the code a job is submitted from, for `${git.sha}` and the automatic
// labels. Two quick `git` calls; no repository (or no git) simply gives no facts.
import { execFile } from 'node:child_process';

export interface GitFacts {
  sha?: string;
  /** Uncommitted changes, untracked files included: they are shipped with the code too. */
  dirty?: boolean;
}

const TIMEOUT_MS = 5_000;

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: TIMEOUT_MS, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

export async function readGitFacts(dir: string): Promise<GitFacts> {
  const [head, status] = await Promise.all([git(dir, ['rev-parse', '--verify', 'HEAD']), git(dir, ['status', '--porcelain'])]);
  const sha = head?.trim();
  return {
    ...(sha && /^[0-9a-f]{40,64}$/.test(sha) && { sha }),
    ...(status !== undefined && { dirty: status.trim() !== '' }),
  };
}
