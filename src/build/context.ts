import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { IgnoreMatcher } from './ignore-rules';
import { looksLikeCredentialJson, mayHoldCredentials, sensitiveName } from './sensitive-files';
import type { SensitiveReason } from './sensitive-files';
import { tarGzStream } from './tar';
import type { TarEntry } from './tar';

export const CONTEXT_IGNORE_FILES = ['.dockerignore', '.gcloudignore', '.vertexignore'] as const;

/** Above this a context upload gets a warning that names its largest paths. */
export const LARGE_CONTEXT_BYTES = 100 * 1000 * 1000;

export interface ContextFile {
  /** Slash-separated, relative to the context root. */
  path: string;
  kind: 'file' | 'symlink';
  /** Bytes; 0 for symlinks. */
  size: number;
  executable: boolean;
  target?: string;
}

export interface SensitiveSkip {
  path: string;
  reason: SensitiveReason;
}

export interface ContextListing {
  root: string;
  files: ContextFile[];
  /** Every directory the archive creates, including empty ones and parents of re-included files. */
  dirs: string[];
  totalBytes: number;
  /** Paths left out by the safety layer alone; a directory is reported once, not its contents. */
  ignoredSensitive: SensitiveSkip[];
}

export interface ListContextOptions {
  /** Ignore files at the root, each applied on its own; a path any of them excludes is left out. */
  ignoreFiles?: readonly string[];
  /** Extra patterns, applied as one more ignore file. */
  extraPatterns?: readonly string[];
  /** Walk only these top-level paths (patterns stay relative to the root). */
  only?: readonly string[];
  /** Always sent when present, whatever the ignore files say: a remote build needs its Dockerfile. */
  keep?: readonly string[];
}

type Decision = 'send' | 'ignored' | SensitiveReason;

interface Walk {
  root: string;
  matchers: IgnoreMatcher[];
  keep: Set<string>;
  files: ContextFile[];
  dirs: Set<string>;
  sensitive: SensitiveSkip[];
}

async function readIgnoreFile(root: string, name: string): Promise<IgnoreMatcher | undefined> {
  try {
    return IgnoreMatcher.fromFile(await readFile(join(root, name), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function decide(walk: Walk, path: string, reason: SensitiveReason | undefined): Decision {
  if (walk.keep.has(path)) return 'send';
  if (walk.matchers.some((m) => m.excludes(path))) return 'ignored';
  if (reason === undefined) return 'send';
  return walk.matchers.some((m) => m.verdict(path, true) === 'included') ? 'send' : reason;
}

function addParents(walk: Walk, path: string): void {
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) walk.dirs.add(path.slice(0, i));
}

async function visit(walk: Walk, rel: string, inherited: SensitiveReason | undefined): Promise<void> {
  const abs = join(walk.root, ...rel.split('/'));
  const stat = await lstat(abs);
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  let reason = inherited ?? sensitiveName(name);
  let decision = decide(walk, rel, reason);
  if (decision === 'send' && reason === undefined && stat.isFile() && mayHoldCredentials(name, stat.size) &&
    looksLikeCredentialJson(await readFile(abs, 'utf8'))) {
    reason = 'credentials';
    decision = decide(walk, rel, reason);
  }
  if (decision !== 'send' && decision !== 'ignored' && inherited === undefined) {
    walk.sensitive.push({ path: rel, reason: decision });
  }
  if (stat.isDirectory()) {
    const prune = decision !== 'send' && !walk.matchers.some((m) => m.hasExceptions) &&
      ![...walk.keep].some((k) => k.startsWith(rel + '/'));
    if (prune) return;
    if (decision === 'send') {
      walk.dirs.add(rel);
      addParents(walk, rel);
    }
    const names = (await readdir(abs)).sort();
    for (const child of names) await visit(walk, `${rel}/${child}`, reason);
    return;
  }
  if (decision !== 'send') return;
  if (stat.isFile()) {
    walk.files.push({ path: rel, kind: 'file', size: stat.size, executable: (stat.mode & 0o111) !== 0 });
  } else if (stat.isSymbolicLink()) {
    walk.files.push({ path: rel, kind: 'symlink', size: 0, executable: false, target: await readlink(abs) });
  } else {
    return;
  }
  addParents(walk, rel);
}

/** What a build context holds after the ignore files and the safety layer, sorted by path. */
export async function listContext(root: string, options: ListContextOptions = {}): Promise<ContextListing> {
  const matchers: IgnoreMatcher[] = [];
  for (const name of options.ignoreFiles ?? CONTEXT_IGNORE_FILES) {
    const matcher = await readIgnoreFile(root, name);
    if (matcher) matchers.push(matcher);
  }
  if (options.extraPatterns && options.extraPatterns.length > 0) {
    matchers.push(new IgnoreMatcher(options.extraPatterns));
  }
  const walk: Walk = { root, matchers, keep: new Set(options.keep ?? []), files: [], dirs: new Set(), sensitive: [] };
  const top = options.only ? [...options.only] : await readdir(root);
  for (const name of top.sort()) {
    try {
      await visit(walk, name, undefined);
    } catch (error) {
      if (options.only && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
  }
  walk.files.sort((a, b) => compare(a.path, b.path));
  return {
    root,
    files: walk.files,
    dirs: [...walk.dirs].sort(compare),
    totalBytes: walk.files.reduce((sum, f) => sum + f.size, 0),
    ignoredSensitive: walk.sensitive,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tar entries for a listing: directories before their contents, everything in path order. */
export function contextTarEntries(listing: ContextListing): TarEntry[] {
  const entries: TarEntry[] = [
    ...listing.dirs.map((path): TarEntry => ({ type: 'dir', path })),
    ...listing.files.map((file): TarEntry => file.kind === 'symlink'
      ? { type: 'symlink', path: file.path, target: file.target ?? '' }
      : { type: 'file', path: file.path, executable: file.executable, size: file.size,
        sourcePath: join(listing.root, ...file.path.split('/')) }),
  ];
  return entries.sort((a, b) => compare(a.path, b.path));
}

/** The context as a reproducible tar.gz stream: same files and contents give the same bytes. */
export function contextTarGz(listing: ContextListing): Readable {
  return tarGzStream(contextTarEntries(listing));
}

export interface LargePath {
  path: string;
  bytes: number;
}

/** Top-level entries and single files, biggest first: what to name when a context is too large. */
export function largestPaths(listing: ContextListing, count = 5): { topLevel: LargePath[]; files: LargePath[] } {
  const byTop = new Map<string, number>();
  for (const file of listing.files) {
    const slash = file.path.indexOf('/');
    const top = slash < 0 ? file.path : file.path.slice(0, slash + 1);
    byTop.set(top, (byTop.get(top) ?? 0) + file.size);
  }
  const biggest = (items: LargePath[]) => items.sort((a, b) => b.bytes - a.bytes || compare(a.path, b.path)).slice(0, count);
  return {
    topLevel: biggest([...byTop].map(([path, bytes]) => ({ path, bytes }))),
    files: biggest(listing.files.map((f) => ({ path: f.path, bytes: f.size }))),
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** A warning for contexts over the limit, naming what to add to an ignore file; undefined when small enough. */
export function largeContextWarning(listing: ContextListing, limit = LARGE_CONTEXT_BYTES): string | undefined {
  if (listing.totalBytes <= limit) return undefined;
  const { topLevel, files } = largestPaths(listing);
  const list = (items: LargePath[]) => items.map((p) => `${p.path} (${formatBytes(p.bytes)})`).join(', ');
  return `The build context is ${formatBytes(listing.totalBytes)}, over ${formatBytes(limit)}. ` +
    `Largest: ${list(topLevel)}. Largest files: ${list(files)}. ` +
    'Add what the image does not need to .dockerignore or .vertexignore.';
}
