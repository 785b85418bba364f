import type { Store } from '../state/store';
import { invalidArgument } from '../core/errors';
import { projectNumber } from '../core/resource-names';
import { compileFilter } from './filter';
import type { EntryPredicate } from './filter';
import { FilterSyntaxError } from './filter-parser';
import type { LogEntryJson } from './log-store';

const PARENT = /^(projects|organizations|folders|billingAccounts)\/([^/]+)(\/locations\/[^/]+\/buckets\/[^/]+(\/views\/[^/]+)?)?$/;
const LOG_NAME = /^(projects|organizations|folders|billingAccounts)\/([^/]+)\/logs\/([^/]+)$/;

/**
 * Which entries a list or tail request may see: those whose logName sits under one of its
 * `resourceNames`. A project matches by id or number, as the real API accepts either.
 */
export function scopeOf(store: Store, resourceNames: unknown, field = 'resource_names'): (entry: LogEntryJson) => boolean {
  const names = Array.isArray(resourceNames) ? resourceNames.map(String) : [];
  if (names.length === 0) {
    throw invalidArgument('At least one resource name must be specified.', [
      { field, description: 'At least one resource name must be specified.' },
    ]);
  }
  const parents = names.map((name, i) => {
    const m = PARENT.exec(name);
    if (!m) {
      throw invalidArgument(`Invalid resource name: "${name}"`, [
        { field: `${field}[${i}]`, description: `Invalid resource name: "${name}"` },
      ]);
    }
    return parentKey(store, m[1], m[2]);
  });
  const wanted = new Set(parents);
  const seen = new Map<string, boolean>();
  return (entry) => {
    const m = LOG_NAME.exec(entry.logName);
    if (!m) return false;
    const parent = `${m[1]}/${m[2]}`;
    let inScope = seen.get(parent);
    if (inScope === undefined) {
      inScope = wanted.has(parentKey(store, m[1], m[2]));
      seen.set(parent, inScope);
    }
    return inScope;
  };
}

/** Checks a LogEntry's logName, `projects/{p}/logs/{url-encoded log id}`. */
export function isLogName(value: unknown): value is string {
  return typeof value === 'string' && LOG_NAME.test(value);
}

function parentKey(store: Store, kind: string, id: string): string {
  return kind === 'projects' ? `projects/${projectNumber(store, id)}` : `${kind}/${id}`;
}

/**
 * A request's filter as a predicate. One it cannot parse gets INVALID_ARGUMENT with only a
 * message ("Unparseable filter: ..."), as Cloud Logging answers.
 */
export function filterOf(filter: unknown): EntryPredicate {
  try {
    return compileFilter(typeof filter === 'string' ? filter : '');
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw invalidArgument(e.message);
    throw e;
  }
}
