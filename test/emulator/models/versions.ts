import { invalidArgument } from '../core/errors';
import type { JsonObject } from '../core/json';

/**
 * Model Registry versioning. Every version is a full Model resource; the store keeps them in
 * one collection keyed by `{model name}@{versionId}`. Exactly one version of a model carries
 * the alias `default`, and that version is what GetModel/ListModels show for the bare name.
 */
export const MODEL_VERSIONS = 'models';
export const DEFAULT_ALIAS = 'default';

// The documented alias format; it cannot look like a version id.
const ALIAS = /^[a-z][a-zA-Z0-9-]{0,126}[a-z0-9]$/;

export interface ModelNameParts {
  /** The model's name without any `@` suffix. */
  model: string;
  /** What follows `@`: a version id, an alias, or `-` (the default version); absent for the bare name. */
  selector?: string;
}

export function splitModelName(name: string): ModelNameParts {
  const at = name.indexOf('@');
  if (at < 0) return { model: name };
  return { model: name.slice(0, at), selector: name.slice(at + 1) };
}

export function versionKey(model: string, versionId: string): string {
  return `${model}@${versionId}`;
}

export function versionIdOf(version: JsonObject): string {
  return String(version.versionId ?? '');
}

export function aliasesOf(version: JsonObject): string[] {
  return Array.isArray(version.versionAliases) ? version.versionAliases.map(String) : [];
}

/** Versions sorted by numeric version id. */
export function sortVersions(versions: JsonObject[]): JsonObject[] {
  return [...versions].sort((a, b) => Number(versionIdOf(a)) - Number(versionIdOf(b)));
}

export function defaultVersion(versions: JsonObject[]): JsonObject | undefined {
  return versions.find((v) => aliasesOf(v).includes(DEFAULT_ALIAS));
}

/** The version a name selects: bare or `@-` is the default one, digits a version id, else an alias. */
export function resolveVersion(versions: JsonObject[], selector: string | undefined): JsonObject | undefined {
  if (selector === undefined || selector === '-' || selector === '') return defaultVersion(versions);
  if (/^\d+$/.test(selector)) return versions.find((v) => versionIdOf(v) === selector);
  return versions.find((v) => aliasesOf(v).includes(selector));
}

export function nextVersionId(versions: JsonObject[]): string {
  return String(versions.reduce((max, v) => Math.max(max, Number(versionIdOf(v)) || 0), 0) + 1);
}

/** Throws INVALID_ARGUMENT for aliases that break the documented format or repeat. */
export function validateAliases(aliases: string[], field: string): void {
  const seen = new Set<string>();
  for (const alias of aliases) {
    if (!ALIAS.test(alias)) {
      throw invalidArgument(`Invalid version alias "${alias}". The alias must match the regular expression [a-z][a-zA-Z0-9-]{0,126}[a-z0-9].`, [
        { field, description: `Invalid version alias "${alias}".` },
      ]);
    }
    if (seen.has(alias)) {
      throw invalidArgument(`Version alias "${alias}" is duplicated.`, [{ field, description: `Version alias "${alias}" is duplicated.` }]);
    }
    seen.add(alias);
  }
}

/**
 * The aliases a new version gets, and the existing versions that lose some. An alias names one
 * version only, so the new version takes it over; `default` moves only when the new version asks
 * for it, except for a model's first version, which is always the default.
 */
export function placeNewVersion(existing: JsonObject[], requested: string[]): { aliases: string[]; changed: JsonObject[] } {
  const aliases = existing.length === 0 && !requested.includes(DEFAULT_ALIAS) ? [DEFAULT_ALIAS, ...requested] : [...requested];
  return { aliases, changed: takeAliases(existing, aliases) };
}

/** Removes `aliases` from every version that has one of them; returns the versions it changed. */
export function takeAliases(versions: JsonObject[], aliases: string[]): JsonObject[] {
  const changed: JsonObject[] = [];
  for (const v of versions) {
    const kept = aliasesOf(v).filter((a) => !aliases.includes(a));
    if (kept.length !== aliasesOf(v).length) changed.push({ ...v, versionAliases: kept });
  }
  return changed;
}
