import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { listContext } from '../build/context';
import type { SensitiveSkip } from '../build/context';
import { tarGzStream } from '../build/tar';
import type { TarEntry } from '../build/tar';
import {
  distributionFileName, isCanonicalVersion, isProjectName, isPythonIdentifier, pkgInfo, readPyprojectIdentity,
  setuptoolsPyproject,
} from './python-metadata';
import { parseRequirementsTxt } from './requirements-txt';
import type { SkippedRequirement } from './requirements-txt';

/** Never packaged: interpreter caches and editor leftovers. */
export const SDIST_DEFAULT_EXCLUDES = ['**/__pycache__', '**/*.py[co]', '**/.ipynb_checkpoints', '**/.DS_Store'];

export interface SdistOptions {
  /** The project folder: the package directories, requirements.txt and .vertexignore live here. */
  root: string;
  /** Default: [project] name and version in root/pyproject.toml. */
  name?: string;
  version?: string;
  summary?: string;
  /** Top-level package directories under root. Default: trainer. */
  packages?: readonly string[];
  /** Relative to root. Default: requirements.txt when it exists; null for none. */
  requirementsFile?: string | null;
}

export interface SdistBuild {
  /** NAME-VERSION.tar.gz, with the name normalized as PEP 625 asks. */
  fileName: string;
  /** Every member path of the archive, in order. */
  members: string[];
  /** Dotted names of the packages setuptools will install. */
  packages: string[];
  requirements: string[];
  skippedRequirements: SkippedRequirement[];
  ignoredSensitive: SensitiveSkip[];
  /** Symlinks are not packaged: pip's unpacking and the wheel build treat them inconsistently. */
  skippedSymlinks: string[];
  /** A fresh stream of the archive; the same inputs give the same bytes. */
  stream(): Readable;
}

export class SdistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SdistError';
  }
}

async function readRequirements(root: string, file: string | null | undefined) {
  if (file === null) return { requirements: [], skipped: [] };
  try {
    return parseRequirementsTxt(await readFile(join(root, file ?? 'requirements.txt'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file === undefined) return { requirements: [], skipped: [] };
    throw error;
  }
}

async function checkPackageRoots(root: string, packages: readonly string[]): Promise<void> {
  for (const pkg of packages) {
    if (!isPythonIdentifier(pkg)) {
      throw new SdistError(`"${pkg}" cannot be imported as a Python package. Rename the folder to letters, digits and underscores.`);
    }
    const info = await stat(join(root, pkg)).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new SdistError(`There is no "${pkg}" folder in ${root}. Put the training code in ${pkg}/ (with a task.py), or choose its folder.`);
    }
  }
}

/** Where each shipped directory's files land: its own package, or package data of the nearest importable parent. */
function packageLayout(dirs: Iterable<string>): { packages: string[]; data: Map<string, string[]> } {
  const packages = new Set<string>();
  const data = new Map<string, string[]>();
  for (const dir of dirs) {
    const parts = dir.split('/');
    let depth = 0;
    while (depth < parts.length && isPythonIdentifier(parts[depth])) depth++;
    const pkg = parts.slice(0, depth).join('.');
    if (depth === parts.length) packages.add(pkg);
    const glob = depth === parts.length ? '*' : `${parts.slice(depth).join('/')}/*`;
    data.set(pkg, [...(data.get(pkg) ?? []), glob]);
  }
  const sorted = [...packages].sort();
  return { packages: sorted, data: new Map(sorted.map((pkg) => [pkg, (data.get(pkg) ?? []).sort()])) };
}

/**
 * A source distribution of the training package that pip installs, built without Python: like
 * `CustomJob.from_local_script` packaging, but with metadata written directly.
 */
export async function buildSdist(options: SdistOptions): Promise<SdistBuild> {
  const { root } = options;
  const declared = options.name && options.version ? {} : readPyprojectIdentity(await readFile(join(root, 'pyproject.toml'), 'utf8').catch(() => ''));
  const name = options.name ?? declared.name;
  const version = options.version ?? declared.version;
  if (name === undefined || version === undefined) {
    throw new SdistError(`The package needs a name and a version: set them in the [project] table of ${join(root, 'pyproject.toml')}, or pass them.`);
  }
  if (!isProjectName(name)) {
    throw new SdistError(`"${name}" is not a valid Python project name: use letters, digits, "-", "_" and ".", starting and ending with a letter or digit.`);
  }
  if (!isCanonicalVersion(version)) {
    throw new SdistError(`"${version}" is not a normalized PEP 440 version. Use a version such as 0.1, 1.2.3, 1.0rc1 or 0.1.dev3.`);
  }
  const roots = [...(options.packages ?? ['trainer'])];
  await checkPackageRoots(root, roots);
  const { requirements, skipped } = await readRequirements(root, options.requirementsFile);
  const listing = await listContext(root, {
    ignoreFiles: ['.vertexignore'],
    extraPatterns: SDIST_DEFAULT_EXCLUDES,
    only: roots,
  });
  const files = listing.files.filter((f) => f.kind === 'file');
  for (const pkg of roots) {
    if (!files.some((f) => f.path.startsWith(`${pkg}/`) && f.path.endsWith('.py'))) {
      throw new SdistError(`${pkg}/ has no Python files to package (after .vertexignore). Add ${pkg}/task.py.`);
    }
  }
  const dirsWithFiles = new Set(files.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))));
  const layout = packageLayout(dirsWithFiles);
  const meta = { name, version, summary: options.summary ?? `${name} training package`, requirements };
  const base = `${distributionFileName(name)}-${version}`;
  const generated: TarEntry[] = [
    { type: 'dir', path: base },
    { type: 'file', path: `${base}/PKG-INFO`, content: Buffer.from(pkgInfo(meta)) },
    { type: 'file', path: `${base}/pyproject.toml`, content: Buffer.from(setuptoolsPyproject(meta, layout.packages, layout.data)) },
    ...listing.dirs.map((dir): TarEntry => ({ type: 'dir', path: `${base}/${dir}` })),
    ...files.map((f): TarEntry => ({
      type: 'file', path: `${base}/${f.path}`, executable: f.executable, size: f.size,
      sourcePath: join(root, ...f.path.split('/')),
    })),
  ];
  const entries = generated.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    fileName: `${base}.tar.gz`,
    members: entries.map((e) => e.path),
    packages: layout.packages,
    requirements,
    skippedRequirements: skipped,
    ignoredSensitive: listing.ignoredSensitive,
    skippedSymlinks: listing.files.filter((f) => f.kind === 'symlink').map((f) => f.path),
    stream: () => tarGzStream(entries),
  };
}
