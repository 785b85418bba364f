// Checks the value tree against schemas/vertex-job.schema.json (generated from the API's protos) and
// returns the value in proto3 JSON form. Type rules follow gcloud's `--config` loader: int fields take
// numbers or digit strings, bool and string fields take only their own type, durations are strings,
// a single value stands for a one-item list, and nulls are dropped.
import schemaJson from '../../schemas/vertex-job.schema.json';
import type { SNode } from './spec-tree';
import type { FixOp, SpecPath, SpecProblem } from './spec-types';

interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: string[];
  pattern?: string;
  'x-proto'?: string;
  'x-proto-type'?: string;
  'x-oneofs'?: Record<string, string[]>;
  'x-enum-numbers'?: Record<string, number>;
  'x-deprecated'?: string[];
}

const specSchema = schemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function resolveSchema(schema: SchemaNode): SchemaNode {
  return schema.$ref ? specSchema.definitions[schema.$ref.replace('#/definitions/', '')] : schema;
}

/** `workerPoolSpecs[0].machineSpec`, for messages. */
export function describePath(path: SpecPath): string {
  return path.reduce<string>((out, step) => (typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${step}` : step), '') || 'the spec';
}

export function checkAgainstSchema(root: SNode, text: string): { value: Record<string, unknown>; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const source = (node: SNode): string => text.slice(node.range[0], node.range[1]);
  const problem = (path: SpecPath, rule: string, message: string, fixes: FixOp[] = [], target: 'key' | 'value' = 'value'): void => {
    problems.push({ path, rule, severity: 'error', message, target, fixes });
  };

  const check = (node: SNode, schemaRef: SchemaNode, path: SpecPath): unknown => {
    const schema = resolveSchema(schemaRef);
    if (node.kind === 'scalar' && node.value === null) {
      return undefined;
    }
    if (schema.type === 'array') {
      if (node.kind !== 'seq') {
        const wrap = node.kind === 'scalar' || node.flow;
        problems.push({ path, rule: 'single-as-list', severity: 'warning', target: 'value',
          message: `${describePath(path)} is a list; one value is read as a one-item list. Write it as a list to say so.`,
          fixes: wrap ? [{ title: 'Write it as a list', ops: [{ kind: 'replaceText', path, text: `[${source(node)}]` }] }] : [] });
        return [check(node, schema.items ?? {}, [...path, 0]) ?? null];
      }
      // A rejected item stays as null so the items after it keep their positions (and paths).
      return node.items.map((item, i) => check(item, schema.items ?? {}, [...path, i]) ?? null);
    }
    if (schema.type === 'object') {
      return node.kind === 'map' ? checkMap(node, schema, path) : wrongType(node, path, 'a mapping of fields');
    }
    return checkScalar(node, schema, path);
  };

  const checkMap = (node: Extract<SNode, { kind: 'map' }>, schema: SchemaNode, path: SpecPath): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const properties = schema.properties;
    for (const pair of node.pairs) {
      const fieldPath = [...path, pair.key];
      const fieldSchema = properties ? properties[pair.key] : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      if (fieldSchema === undefined) {
        unknownField(pair.key, fieldPath, Object.keys(properties ?? {}), schema);
        continue;
      }
      const value = check(pair.value, fieldSchema, fieldPath);
      if (value !== undefined) {
        out[pair.key] = value;
      }
    }
    for (const field of schema.required ?? []) {
      const written = node.pairs.find((p) => p.key === field);
      if (written === undefined || (written.value.kind === 'scalar' && written.value.value === null)) {
        problem([...path, field], 'required-field', `${path.length === 0 ? 'The spec' : describePath(path)} needs ${field}.`, [], 'key');
      }
    }
    for (const members of Object.values(schema['x-oneofs'] ?? {})) {
      const set = members.filter((m) => out[m] !== undefined);
      for (const extra of set.slice(1)) {
        problem([...path, extra], 'oneof-conflict', `Set only one of ${members.join(', ')}: ${set[0]} is already set, so remove ${extra}.`,
          [{ title: `Remove ${extra}`, ops: [{ kind: 'remove', path: [...path, extra] }] }], 'key');
      }
    }
    return out;
  };

  const unknownField = (key: string, path: SpecPath, known: string[], schema: SchemaNode): void => {
    const camel = key.replace(/[_-]([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    const similar = known.includes(camel) ? camel : closest(key, known);
    const owner = path.length === 1 ? 'the spec' : describePath(path.slice(0, -1));
    let message = `Unknown field ${key} in ${owner}`;
    if (similar === camel && camel !== key) {
      message += `: field names are camelCase, as gcloud's --config reads them. Write ${camel}.`;
    } else if (similar !== undefined) {
      message += `; did you mean ${similar}?`;
    } else {
      message += `. ${schema['x-proto'] ? `${schema['x-proto'].split('.').pop()} has no such field` : 'It is not allowed here'}; remove it` +
        (path.length === 1 ? ' (local-only settings go under local:).' : '.');
    }
    problem(path, 'unknown-field', message, similar !== undefined
      ? [{ title: `Rename to ${similar}`, ops: [{ kind: 'renameKey', path, key: similar }] }]
      : [{ title: `Remove ${key}`, ops: [{ kind: 'remove', path }] }], 'key');
  };

  const wrongType = (node: SNode, path: SpecPath, expected: string, fixes: FixOp[] = []): undefined => {
    const what = node.kind === 'scalar' ? describeScalar(node, source(node)) : node.kind === 'map' ? 'a mapping' : 'a list';
    problem(path, 'wrong-type', `${describePath(path)} must be ${expected}, not ${what}.`, fixes);
    return undefined;
  };

  const checkScalar = (node: SNode, schema: SchemaNode, path: SpecPath): unknown => {
    const kind = schema['x-proto-type'];
    if (node.kind !== 'scalar') {
      return wrongType(node, path, expectedOf(schema));
    }
    const value = node.value;
    const text = source(node);
    const quoteFix: FixOp[] = [{ title: `Quote it: "${text}"`, ops: [{ kind: 'replaceText', path, text: JSON.stringify(text) }] }];
    switch (kind) {
      case 'string':
        return typeof value === 'string' ? value : wrongType(node, path, 'a string', node.quoted ? [] : quoteFix);
      case 'bool':
        if (typeof value === 'boolean') {
          return value;
        }
        return wrongType(node, path, 'true or false', value === 'true' || value === 'false'
          ? [{ title: `Write ${value} without quotes`, ops: [{ kind: 'replaceText', path, text: value }] }] : []);
      case 'int32':
      case 'int64': {
        const isWhole = (typeof value === 'number' && Number.isInteger(value) && (node.quoted || !/^[-+]?[0-9_]*[.eE]/.test(text)))
          || (typeof value === 'string' && /^-?[0-9]+$/.test(value.trim()));
        if (!isWhole) {
          const whole = typeof value === 'number' && Number.isFinite(value) ? String(Math.round(value)) : undefined;
          return wrongType(node, path, 'a whole number', whole ? [{ title: `Write ${whole}`, ops: [{ kind: 'replaceText', path, text: whole }] }] : []);
        }
        return kind === 'int64' ? String(value).trim() : Number(value);
      }
      case 'double':
        if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))) {
          return Number(value);
        }
        return wrongType(node, path, 'a number');
      case 'enum':
        return checkEnum(node, schema, path);
      case 'duration':
        return checkDuration(node, schema, path);
      case 'timestamp':
        return typeof value === 'string' && !Number.isNaN(Date.parse(value))
          ? value : wrongType(node, path, 'an RFC 3339 timestamp in quotes, like "2026-01-31T12:00:00Z"', node.quoted ? [] : quoteFix);
      default:
        return value;
    }
  };

  const checkEnum = (node: SNode & { kind: 'scalar' }, schema: SchemaNode, path: SpecPath): unknown => {
    const names = schema.enum ?? [];
    const numbers = schema['x-enum-numbers'] ?? {};
    const value = node.value;
    const byNumber = typeof value === 'number' ? names.find((n) => numbers[n] === value) : undefined;
    if (byNumber !== undefined) {
      return byNumber;
    }
    const usable = names.filter((n) => !n.endsWith('_UNSPECIFIED') && !(schema['x-deprecated'] ?? []).includes(n));
    if (typeof value === 'string' && names.includes(value)) {
      const deprecated = schema['x-deprecated']?.includes(value);
      if (deprecated) {
        problems.push({ path, rule: 'deprecated-value', severity: 'warning', target: 'value',
          message: `${value} is deprecated for ${describePath(path)}; use one of ${usable.join(', ')}.` });
      }
      return value;
    }
    const guess = typeof value === 'string' ? names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? closest(value, usable) : undefined;
    problem(path, 'enum-value', `${describePath(path)} must be one of ${usable.join(', ')}` +
      (typeof value === 'string' ? `, not ${value}` : '') + (guess ? `; did you mean ${guess}?` : '.'),
    guess ? [{ title: `Change to ${guess}`, ops: [{ kind: 'set', path, value: guess }] }] : []);
    return undefined;
  };

  const checkDuration = (node: SNode & { kind: 'scalar' }, schema: SchemaNode, path: SpecPath): unknown => {
    const value = node.value;
    if (typeof value === 'string' && new RegExp(schema.pattern ?? '').test(value)) {
      return value;
    }
    const seconds = typeof value === 'number' ? value : typeof value === 'string' ? durationSeconds(value) : undefined;
    const fixed = seconds === undefined ? undefined : `${seconds}s`;
    problem(path, 'duration-format', `${describePath(path)} must be a duration in seconds with an "s" suffix, like "3600s"` +
      (fixed ? `; ${JSON.stringify(source(node))} is "${fixed}".` : '.'),
    fixed ? [{ title: `Write "${fixed}"`, ops: [{ kind: 'replaceText', path, text: JSON.stringify(fixed) }] }] : []);
    return undefined;
  };

  const value = check(root, specSchema, []);
  return { value: (value ?? {}) as Record<string, unknown>, problems };
}

const UNITS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400 };

/** "1h30m", "90 min", "2d" → seconds; undefined when it is not a duration at all. */
function durationSeconds(text: string): number | undefined {
  const parts = [...text.trim().toLowerCase().matchAll(/([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== text.trim().toLowerCase().replace(/\s/g, '')) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of parts) {
    if (UNITS[unit] === undefined) {
      return undefined;
    }
    total += Number(amount) * UNITS[unit];
  }
  return total;
}

function describeScalar(node: SNode & { kind: 'scalar' }, text: string): string {
  const value = node.value;
  if (typeof value === 'boolean' && !/^(true|false)$/i.test(text)) {
    return `${text} (YAML reads an unquoted ${text} as ${value})`;
  }
  if (value instanceof Date) {
    return `${text} (YAML reads an unquoted date as a timestamp)`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : text;
}

function expectedOf(schema: SchemaNode): string {
  const kind = schema['x-proto-type'];
  const expected: Record<string, string> = { string: 'a string', bool: 'true or false', int32: 'a whole number', int64: 'a whole number',
    double: 'a number', duration: 'a duration like "3600s"', timestamp: 'a timestamp', enum: `one of ${(schema.enum ?? []).join(', ')}` };
  return expected[kind ?? ''] ?? 'a single value';
}

/** The closest name by edit distance, when it is close enough to be a typo. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const score = distance(word.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
