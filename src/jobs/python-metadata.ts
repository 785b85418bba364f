// Names, versions and the two metadata files of a source distribution.

const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
// PEP 440 public versions in their normalized spelling, which is what the file name must carry.
const CANONICAL_VERSION = /^(?:[1-9]\d*!)?(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))*(?:(?:a|b|rc)(?:0|[1-9]\d*))?(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isProjectName(name: string): boolean {
  return PROJECT_NAME.test(name);
}

export function isCanonicalVersion(version: string): boolean {
  return CANONICAL_VERSION.test(version);
}

export function isPythonIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** The name as sdist file names spell it (PEP 625): lower case, runs of `-_.` as one `_`. */
export function distributionFileName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '_');
}

/** `name` and `version` of a pyproject.toml's [project] table, where they are plain strings. */
export function readPyprojectIdentity(text: string): { name?: string; version?: string } {
  const found: { name?: string; version?: string } = {};
  let inProject = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inProject = /^\[\s*project\s*\]\s*(#.*)?$/.test(line);
      continue;
    }
    const match = inProject ? /^(name|version)\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(#.*)?$/.exec(line) : null;
    if (match) found[match[1] as 'name' | 'version'] = match[2] ?? match[3];
  }
  return found;
}

export interface ProjectMetadata {
  name: string;
  version: string;
  summary: string;
  requirements: readonly string[];
}

export function pkgInfo(meta: ProjectMetadata): string {
  const lines = [
    'Metadata-Version: 2.1',
    `Name: ${meta.name}`,
    `Version: ${meta.version}`,
    `Summary: ${meta.summary.replace(/\s*\n\s*/g, ' ')}`,
    ...meta.requirements.map((r) => `Requires-Dist: ${r}`),
  ];
  return lines.join('\n') + '\n';
}

const TOML_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function tomlString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += TOML_ESCAPES[ch] ?? (code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : ch);
  }
  return `"${out}"`;
}

function tomlArray(values: readonly string[]): string {
  if (values.length === 0) return '[]';
  return `[\n${values.map((v) => `  ${tomlString(v)},\n`).join('')}]`;
}

/**
 * A pyproject.toml that setuptools (61 and later) builds from: explicit packages, and every file
 * shipped inside them as package data, so nothing depends on a MANIFEST.in or VCS plugins.
 */
export function setuptoolsPyproject(meta: ProjectMetadata, packages: readonly string[], packageData: ReadonlyMap<string, string[]>): string {
  const data = [...packageData].map(([pkg, globs]) => `${tomlString(pkg)} = [${globs.map(tomlString).join(', ')}]`);
  return [
    '[build-system]',
    'requires = ["setuptools>=61"]',
    'build-backend = "setuptools.build_meta"',
    '',
    '[project]',
    `name = ${tomlString(meta.name)}`,
    `version = ${tomlString(meta.version)}`,
    `description = ${tomlString(meta.summary.replace(/\s*\n\s*/g, ' '))}`,
    `dependencies = ${tomlArray(meta.requirements)}`,
    '',
    '[tool.setuptools]',
    `packages = ${tomlArray(packages)}`,
    'include-package-data = false',
    '',
    '[tool.setuptools.package-data]',
    ...data,
    '',
  ].join('\n');
}
