import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.96.4';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The cache lives outside the repo so `git clean` and fresh clones reuse one host install. */
export function hostCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VERTEX_HOST_CACHE) return resolve(env.VERTEX_HOST_CACHE);
  const xdg = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'vertex-ai-training');
}

export function hostInstallDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(hostCacheDir(env), `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server package inside an install root (final or partial). */
export function codeServerPackageDir(installRoot: string): string {
  return join(installRoot, 'node_modules', 'code-server');
}

export function codeServerEntry(installRoot: string = hostInstallDir()): string {
  return join(codeServerPackageDir(installRoot), 'out', 'node', 'entry.js');
}

export function installedMarker(installRoot: string = hostInstallDir()): string {
  return join(installRoot, '.installed');
}
