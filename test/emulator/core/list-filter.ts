import { invalidArgument } from './errors';
import { isJsonObject } from './json';
import type { JsonObject, JsonValue } from './json';
import { parseRfc3339 } from './clock';

/**
 * The AIP-160 subset Vertex AI list methods accept: comparisons (`=`, `!=`, `<`, `<=`,
 * `>`, `>=`, `:` with `*` wildcards and `labels.key:*` presence), AND (also implicit),
 * OR, NOT / `-`, parentheses. Field paths are snake_case as users write them
 * (`display_name`, `create_time`, `labels.team`) and map onto the camelCase resource.
 */
export type Predicate = (resource: JsonObject) => boolean;

type Token = { t: 'op' | 'word' | 'str' | '(' | ')'; v: string };

const OPS = ['<=', '>=', '!=', '=', '<', '>', ':'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: c, v: c }); i++; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) throw bad(src, 'unterminated string');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op && out.length && out[out.length - 1].t === 'word') { out.push({ t: 'op', v: op }); i += op.length; continue; }
    let j = i;
    // A bare value may contain ':' (an unquoted timestamp) once an operator came before it.
    const valueContext = out.length > 0 && out[out.length - 1].t === 'op';
    while (j < src.length && !/[\s()"']/.test(src[j]) && (valueContext || !OPS.some((o) => src.startsWith(o, j)))) j++;
    if (j === i) throw bad(src, `unexpected '${c}'`);
    out.push({ t: 'word', v: src.slice(i, j) });
    i = j;
  }
  return out;
}

function bad(filter: string, why: string) {
  return invalidArgument(`Invalid filter: ${filter} (${why})`, [{ field: 'filter', description: why }]);
}

export interface FilterOptions {
  /** Top-level snake_case fields that may be filtered on; anything else is INVALID_ARGUMENT. */
  fields?: string[];
}

export function compileFilter(filter: unknown, opts: FilterOptions = {}): Predicate {
  const src = typeof filter === 'string' ? filter.trim() : '';
  if (!src) return () => true;
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isWord = (w: string) => peek()?.t === 'word' && peek().v === w;

  const parseOr = (): Predicate => {
    const parts = [parseAnd()];
    while (isWord('OR')) { pos++; parts.push(parseAnd()); }
    return parts.length === 1 ? parts[0] : (r) => parts.some((p) => p(r));
  };
  const parseAnd = (): Predicate => {
    const parts = [parseUnary()];
    for (;;) {
      if (isWord('AND')) { pos++; parts.push(parseUnary()); continue; }
      const next = peek();
      if (next && next.t !== ')' && !isWord('OR')) { parts.push(parseUnary()); continue; }
      break;
    }
    return parts.length === 1 ? parts[0] : (r) => parts.every((p) => p(r));
  };
  const parseUnary = (): Predicate => {
    if (isWord('NOT')) { pos++; const p = parseUnary(); return (r) => !p(r); }
    const t = peek();
    if (t?.t === 'word' && t.v.startsWith('-') && t.v.length > 1) { toks[pos] = { t: 'word', v: t.v.slice(1) }; const p = parseUnary(); return (r) => !p(r); }
    if (t?.t === '(') {
      pos++;
      const p = parseOr();
      if (peek()?.t !== ')') throw bad(src, 'missing )');
      pos++;
      return p;
    }
    return parseComparison();
  };
  const parseComparison = (): Predicate => {
    const field = toks[pos++];
    const op = toks[pos++];
    const value = toks[pos++];
    if (field?.t !== 'word' || op?.t !== 'op' || !value || (value.t !== 'word' && value.t !== 'str')) throw bad(src, 'expected FIELD OP VALUE');
    const path = field.v.split('.');
    if (opts.fields && !opts.fields.includes(path[0])) throw bad(src, `unsupported field ${path[0]}`);
    return (r) => compare(lookup(r, path), op.v, value.v);
  };

  const pred = parseOr();
  if (pos !== toks.length) throw bad(src, `unexpected '${toks[pos].v}'`);
  return pred;
}

function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function lookup(r: JsonObject, path: string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = r;
  path.forEach((seg, i) => {
    if (!isJsonObject(cur)) { cur = undefined; return; }
    // Map keys (labels.my_key) are literal; message fields are snake_case in filters.
    const isMapKey = i > 0 && path[i - 1] === 'labels';
    cur = isMapKey ? cur[seg] : cur[camel(seg)] ?? cur[seg];
  });
  return cur;
}

function compare(actual: JsonValue | undefined, op: string, literal: string): boolean {
  if (Array.isArray(actual)) return op === '!=' ? actual.every((a) => compare(a, op, literal)) : actual.some((a) => compare(a, op, literal));
  if (op === ':') {
    if (literal === '*') return actual !== undefined && actual !== null && actual !== '';
    if (isJsonObject(actual)) return literal in actual;
    if (actual === undefined || actual === null) return false;
    return glob(String(actual), literal.includes('*') ? literal : `*${literal}*`);
  }
  if (actual === undefined || actual === null || isJsonObject(actual)) return op === '!=';
  const a = String(actual);
  if (op === '=') return literal.includes('*') ? glob(a, literal) : a === literal || numEq(a, literal);
  if (op === '!=') return !(a === literal || numEq(a, literal));
  const cmp = order(a, literal);
  return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
}

function numEq(a: string, b: string): boolean {
  return a !== '' && b !== '' && !Number.isNaN(Number(a)) && Number(a) === Number(b);
}

function order(a: string, b: string): number {
  const ta = parseRfc3339(a);
  const tb = parseRfc3339(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  if (a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b))) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function glob(s: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(s);
}

/** `orderBy` like `create_time desc, display_name`; `fields` limits what may be used. */
export function compileOrderBy(orderBy: unknown, opts: FilterOptions = {}): ((a: JsonObject, b: JsonObject) => number) | undefined {
  const src = typeof orderBy === 'string' ? orderBy.trim() : '';
  if (!src) return undefined;
  const keys = src.split(',').map((part) => {
    const [field, dir, extra] = part.trim().split(/\s+/);
    if (!field || extra !== undefined || (dir !== undefined && !/^(asc|desc)$/i.test(dir))) {
      throw invalidArgument(`Invalid order_by: ${src}`, [{ field: 'order_by', description: `cannot parse "${part.trim()}"` }]);
    }
    const path = field.split('.');
    if (opts.fields && !opts.fields.includes(path[0])) {
      throw invalidArgument(`Invalid order_by field: ${path[0]}`, [{ field: 'order_by', description: `unsupported field ${path[0]}` }]);
    }
    return { path, sign: dir?.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const k of keys) {
      const c = order(String(lookup(a, k.path) ?? ''), String(lookup(b, k.path) ?? ''));
      if (c !== 0) return c * k.sign;
    }
    return 0;
  };
}
