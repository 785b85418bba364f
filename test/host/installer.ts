import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, chmod, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WriteStream } from 'node:fs';
import { ensureDebianPackages } from './debian';
import { CODE_SERVER_VERSION, codeServerEntry, codeServerPackageDir, hostCacheDir, hostInstallDir, installedMarker } from './paths';
import { runCommand } from './proc';

/** The native modules of VS Code's server that `--ignore-scripts` leaves unbuilt. */
const VSCODE_NATIVE_MODULES = ['kerberos', 'node-pty', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'native-watchdog'];

export function isHostInstalled(installRoot: string = hostInstallDir()): boolean {
  return existsSync(installedMarker(installRoot)) && existsSync(codeServerEntry(installRoot));
}

/**
 * Installs code-server offline into the cache once. The work happens in a partial directory that
 * is renamed into place only after `--version` checks out, so an interrupted run leaves nothing
 * that looks installed.
 */
export async function ensureHostInstalled(say: (line: string) => void = console.log): Promise<string> {
  const finalDir = hostInstallDir();
  if (isHostInstalled(finalDir)) return finalDir;

  const started = Date.now();
  await ensureDebianPackages(say);
  const cacheDir = hostCacheDir();
  await mkdir(cacheDir, { recursive: true });
  await removeAbandonedPartials(cacheDir);

  const partial = `${finalDir}.partial-${process.pid}`;
  await mkdir(partial, { recursive: true });
  const logPath = join(cacheDir, `install-${CODE_SERVER_VERSION}.log`);
  const log = createWriteStream(logPath);
  say(`Installing code-server ${CODE_SERVER_VERSION} into ${finalDir} (log: ${logPath})`);
  try {
    await installInto(partial, log, say);
    await writeFile(installedMarker(partial), `${CODE_SERVER_VERSION} ${new Date().toISOString()}\n`);
    if (existsSync(finalDir) && !isHostInstalled(finalDir)) await rm(finalDir, { recursive: true, force: true });
    try {
      await rename(partial, finalDir);
    } catch (err) {
      // Another process finished first; its install is as good as ours.
      if (!isHostInstalled(finalDir)) throw err;
      await rm(partial, { recursive: true, force: true });
    }
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  } finally {
    await new Promise((done) => log.end(done));
  }
  say(`code-server ${CODE_SERVER_VERSION} installed in ${seconds(started)}.`);
  return finalDir;
}

async function installInto(root: string, log: WriteStream, say: (line: string) => void): Promise<void> {
  const env = buildEnv();
  const pkg = codeServerPackageDir(root);
  const vscode = join(pkg, 'lib', 'vscode');
  const step = async (label: string, work: () => Promise<unknown>): Promise<void> => {
    const t = Date.now();
    await work();
    say(`  ${label}: ${seconds(t)}`);
  };
  const npm = (cwd: string, ...args: string[]): Promise<string> =>
    runCommand('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, log });

  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'vertex-test-host', private: true }) + '\n');
  await step(`npm install code-server@${CODE_SERVER_VERSION} --ignore-scripts`, () =>
    npm(root, 'install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'));
  await step('point git-pinned packages of the shrinkwrap at the registry', () => repinGitDependencies(vscode, env, log));
  await step('npm install in lib/vscode (omit dev)', () => npm(vscode, 'install', '--omit=dev', '--ignore-scripts'));
  await step('npm install in lib/vscode/extensions (omit dev)', () =>
    npm(join(vscode, 'extensions'), 'install', '--omit=dev', '--ignore-scripts'));
  await step(`npm rebuild ${VSCODE_NATIVE_MODULES.join(' ')}`, () => npm(vscode, 'rebuild', ...VSCODE_NATIVE_MODULES));
  await step('ripgrep from Debian, node_modules.asar link', () => linkRipgrepAndAsar(vscode));
  await step('npm rebuild argon2 --build-from-source', () => npm(root, 'rebuild', 'argon2', '--build-from-source'));

  // An explicit (empty) config keeps code-server from writing one into the user's ~/.config.
  const config = join(root, 'config.yaml');
  await writeFile(config, '');
  const version = await runCommand(process.execPath, [codeServerEntry(root), '--version', '--config', config], { env, log });
  if (!version.startsWith(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version printed "${version.trim()}", expected ${CODE_SERVER_VERSION}.`);
  }
  say(`  verified: code-server ${version.trim()}`);
}

interface ShrinkwrapEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
}

/**
 * VS Code pins some packages (e.g. @vscode/proxy-agent) to GitHub URLs, unreachable offline. The
 * same versions are on the npm registry, so the entries are rewritten to the registry tarballs.
 */
async function repinGitDependencies(vscodeDir: string, env: NodeJS.ProcessEnv, log: WriteStream): Promise<void> {
  const file = join(vscodeDir, 'npm-shrinkwrap.json');
  const shrinkwrap = JSON.parse(await readFile(file, 'utf8')) as { packages: Record<string, ShrinkwrapEntry> };
  let repinned = 0;
  for (const [key, entry] of Object.entries(shrinkwrap.packages)) {
    if (!entry.resolved || !/^(git\+|git:|github:)|github\.com/.test(entry.resolved)) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!entry.version || !/^\d+\.\d+\.\d+/.test(entry.version)) {
      throw new Error(`${file}: ${name} is pinned to ${entry.resolved} without a registry version to use instead.`);
    }
    const out = await runCommand('npm', ['view', `${name}@${entry.version}`, 'dist.tarball', 'dist.integrity', '--json'], { env, log });
    const dist = JSON.parse(out) as { 'dist.tarball'?: string; 'dist.integrity'?: string };
    if (!dist['dist.tarball'] || !dist['dist.integrity']) {
      throw new Error(`${name}@${entry.version} is not on the npm registry, so ${file} cannot be installed offline.`);
    }
    entry.resolved = dist['dist.tarball'];
    entry.integrity = dist['dist.integrity'];
    repinned++;
  }
  if (repinned === 0) log.write(`no git-pinned packages in ${file}\n`);
  await writeFile(file, JSON.stringify(shrinkwrap, null, 2) + '\n');
}

async function linkRipgrepAndAsar(vscodeDir: string): Promise<void> {
  // @vscode/ripgrep's postinstall would download rg from GitHub; Debian's binary is the same tool.
  const rgTarget = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  await mkdir(dirname(rgTarget), { recursive: true });
  await copyFile('/usr/bin/rg', rgTarget);
  await chmod(rgTarget, 0o755);
  const asar = join(vscodeDir, 'node_modules.asar');
  await rm(asar, { force: true });
  await symlink('node_modules', asar);
}

function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
  // node-gyp would download Node headers from the internet; the running Node's own headers match it.
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  return env;
}

async function removeAbandonedPartials(cacheDir: string): Promise<void> {
  const prefix = `code-server-${CODE_SERVER_VERSION}.partial-`;
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
