// Requires a built dist/google/*.js bundle through a V8 code cache. Compiling the aiplatform
// bundle (2.4 MB) is most of its require time; with the cache V8 skips parsing it and the
// functions compiled on first use (client construction, the first call), the way VS Code loads
// its own code. The cache is keyed by the bundle's content and the V8 version, and lives in a
// directory only this user can write.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Cache files still to write. Serialising a bundle's compiled code blocks the thread for a few
 * hundred ms, so it waits for the extension's deactivation (flushCodeCaches), by when the code
 * the session used has been compiled and goes into the cache too.
 */
const pendingWrites: (() => void)[] = [];

export interface CodeCacheOptions {
  /** Where cache files go; undefined: no cache. */
  dir: string | undefined;
}

/** A per-user directory under the temp dir, or undefined when it is not safely ours. */
export function defaultCodeCacheDir(): string | undefined {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `vertex-ai-training-code-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    // Someone else's directory, or one others can write, could hand us compiled code.
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

export interface CachedRequire {
  exports: unknown;
  /** How the cache served this load. */
  cache: 'hit' | 'miss' | 'rejected' | 'off';
  /** After a miss or a rejection: settles once flushCodeCaches() has written the cache file (or failed to). */
  written?: Promise<void>;
}

/** Loads the CommonJS bundle at `file` like require, with its compiled code cached in `options.dir`. */
export function requireWithCodeCache(file: string, options: CodeCacheOptions): CachedRequire {
  const require = createRequire(file);
  const loaded = require.cache[file];
  if (loaded) return { exports: loaded.exports, cache: 'off' };
  const bytes = readFileSync(file);
  const name = basename(file, '.js');
  const key = createHash('sha1').update(bytes).update(process.versions.v8).digest('hex').slice(0, 16);
  const cacheFile = options.dir ? join(options.dir, `${name}-${key}.bin`) : undefined;
  const cachedData = cacheFile ? readIfPresent(cacheFile) : undefined;
  // No importModuleDynamically: Node 20 supports it only experimentally (a warning in the host's
  // log). The bundles' one dynamic import() is gaxios's fallback for a runtime without
  // globalThis.crypto, which Node 20 has.
  const script = new Script(wrap(bytes.toString('utf8')), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, require, module, file, dirname(file));
  module.loaded = true;
  // In the module cache like any required file: one instance, and visible to whoever checks what is loaded.
  require.cache[file] = module;
  if (!options.dir || !cacheFile) return { exports: module.exports, cache: 'off' };
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'hit' };
  const dir = options.dir;
  const written = new Promise<void>((resolve) => {
    pendingWrites.push(() => {
      writeCache(dir, name, cacheFile, script);
      resolve();
    });
  });
  return { exports: module.exports, cache: cachedData ? 'rejected' : 'miss', written };
}

/** Writes the cache files of the bundles loaded without one; called at deactivation. */
export function flushCodeCaches(): void {
  for (const write of pendingWrites.splice(0)) write();
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Replaces the bundle's older cache files; a failed write only means no cache next time. */
function writeCache(dir: string, name: string, cacheFile: string, script: Script): void {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, cacheFile);
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`${name}-`) && old.endsWith('.bin') && join(dir, old) !== cacheFile) rmSync(join(dir, old), { force: true });
    }
  } catch {
    // The cache is an optimisation: a read-only or full temp dir costs speed, nothing else.
  }
}
