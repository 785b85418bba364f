import type { LogEntryJson } from './log-store';
import { FilterSyntaxError, parseFilter } from './filter-parser';
import type { CompareOp, FilterNode, ValueNode } from './filter-parser';
import { timestampKey } from './timestamps';

/** LogSeverity numbers; entries omit `severity` when it is DEFAULT (proto3 JSON). */
export const SEVERITY_LEVELS: Readonly<Record<string, number>> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

const TIMESTAMP_FIELDS = new Set(['timestamp', 'receiveTimestamp']);

export type EntryPredicate = (entry: LogEntryJson) => boolean;

/**
 * Compiles a Cloud Logging filter into a predicate. Throws FilterSyntaxError with the API's
 * wording for filters the real service rejects too (syntax, bad timestamps or severities).
 */
export function compileFilter(source: string | undefined): EntryPredicate {
  const tree = parseFilter(source ?? '');
  if (!tree) return () => true;
  check(tree);
  return (entry) => matches(tree, entry);
}

function check(node: FilterNode): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach(check);
      return;
    case 'not':
      check(node.item);
      return;
    case 'call':
      if (!['log_id', 'SEARCH'].includes(node.name)) {
        throw new FilterSyntaxError(`Unparseable filter: unknown function '${node.name}'`);
      }
      return;
    case 'compare':
      for (const leaf of leaves(node.value)) {
        const field = node.path.join('.');
        if (TIMESTAMP_FIELDS.has(field) && node.op !== ':' && timestampKey(leaf.text) === undefined) {
          throw new FilterSyntaxError(`Invalid timestamp value for field ${field}: "${leaf.text}"`);
        }
        if (field === 'severity' && node.op !== ':' && !leaf.text.startsWith('*') && severityOf(leaf.text) === undefined) {
          throw new FilterSyntaxError(`Invalid severity value: "${leaf.text}"`);
        }
        if ((node.op === '=~' || node.op === '!~') && !regexOf(leaf.text)) {
          throw new FilterSyntaxError(`Invalid regular expression: "${leaf.text}"`);
        }
      }
      return;
    case 'text':
      return;
  }
}

function leaves(value: ValueNode): { text: string }[] {
  if (value.kind === 'value') return [value];
  if (value.kind === 'not') return leaves(value.item);
  return value.items.flatMap(leaves);
}

function matches(node: FilterNode, entry: LogEntryJson): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => matches(n, entry));
    case 'or':
      return node.items.some((n) => matches(n, entry));
    case 'not':
      return !matches(node.item, entry);
    case 'text':
      return hasText(entry, node.text);
    case 'call':
      return call(node.name, node.args, entry);
    case 'compare':
      return matchValue(node.value, (text, quoted) => compare(entry, node.path, node.op, text, quoted));
  }
}

function matchValue(value: ValueNode, test: (text: string, quoted: boolean) => boolean): boolean {
  if (value.kind === 'value') return test(value.text, value.quoted);
  if (value.kind === 'not') return !matchValue(value.item, test);
  if (value.kind === 'and') return value.items.every((v) => matchValue(v, test));
  return value.items.some((v) => matchValue(v, test));
}

function compare(entry: LogEntryJson, path: string[], op: CompareOp, text: string, quoted: boolean): boolean {
  // `a != b` is `NOT a = b`, so entries without the field match it.
  if (op === '!=') return !compare(entry, path, '=', text, quoted);
  if (op === '!~') return !compare(entry, path, '=~', text, quoted);
  const field = path.join('.');
  if (field === 'severity' && op !== ':') {
    const have = severityOf(String(entry.severity ?? 'DEFAULT')) ?? 0;
    return ordered(op, have - (severityOf(text) ?? 0));
  }
  const values = resolve(entry, path);
  if (op === ':' && text === '*' && !quoted) return values.length > 0;
  return values.some((v) => {
    if (op === ':') return hasText(v, text);
    if (op === '=~') return regexOf(text)?.test(scalarText(v)) ?? false;
    if (v !== null && typeof v === 'object') return false;
    if (TIMESTAMP_FIELDS.has(field)) {
      const have = timestampKey(String(v));
      const want = timestampKey(text);
      return have !== undefined && want !== undefined && ordered(op, cmp(have, want));
    }
    if (typeof v === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))) return ordered(op, v - Number(text));
    return ordered(op, cmp(scalarText(v), text));
  });
}

function ordered(op: CompareOp, diff: number): boolean {
  switch (op) {
    case '<':
      return diff < 0;
    case '<=':
      return diff <= 0;
    case '>':
      return diff > 0;
    case '>=':
      return diff >= 0;
    default:
      return diff === 0;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The values at a path; arrays along the way fan out, a missing field yields none. */
function resolve(entry: unknown, path: string[]): unknown[] {
  let current: unknown[] = [entry];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      const child = (value as Record<string, unknown>)[segment];
      if (child === undefined) continue;
      if (Array.isArray(child)) next.push(...child);
      else next.push(child);
    }
    current = next;
  }
  return current;
}

/** The `:` operator and bare text: a case-insensitive substring of any value inside. */
function hasText(value: unknown, text: string): boolean {
  const needle = text.toLowerCase();
  const visit = (v: unknown): boolean => {
    if (v === null || v === undefined) return false;
    if (typeof v === 'object') return Object.values(v as Record<string, unknown>).some(visit);
    return String(v).toLowerCase().includes(needle);
  };
  return visit(value);
}

function scalarText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function severityOf(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (upper in SEVERITY_LEVELS) return SEVERITY_LEVELS[upper];
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function regexOf(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

function call(name: string, args: string[][], entry: LogEntryJson): boolean {
  if (name === 'log_id') {
    const id = args[0]?.join('.') ?? '';
    const at = entry.logName.indexOf('/logs/');
    return at >= 0 && decodeURIComponent(entry.logName.slice(at + 6)) === id;
  }
  // SEARCH("text") or SEARCH(field, "text")
  if (args.length >= 2) return resolve(entry, args[0]).some((v) => hasText(v, args[1].join('.')));
  return hasText(entry, args[0]?.join('.') ?? '');
}
