// Turns fix operations on the value tree (set, remove, rename) into minimal text edits that keep the
// rest of the file, its comments and its style as they are.
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { findDeepest, findNode, toValue } from './spec-tree';
import type { SMap, SNode, SPair } from './spec-tree';
import type { ParsedSpec } from './spec-parse';
import type { EditOp, SpecEdit, SpecPath } from './spec-types';

interface Raw { start: number; end: number; text: string }

/** Text edits for the operations, or undefined when one of them cannot be placed in this text. */
export function editsFor(ops: EditOp[], parsed: ParsedSpec): SpecEdit[] | undefined {
  const raws: Raw[] = [];
  for (const op of ops) {
    const made = rawEdits(op, parsed);
    if (made === undefined) {
      return undefined;
    }
    raws.push(...made);
  }
  return raws.sort((a, b) => a.start - b.start).map((r) => ({ range: parsed.lines.range(r.start, r.end), newText: r.text }));
}

function rawEdits(op: EditOp, parsed: ParsedSpec): Raw[] | undefined {
  const located = findNode(parsed.root, op.path);
  switch (op.kind) {
    case 'set':
      return located ? setExisting(op.path, located.node, op.value, parsed) : insertMissing(op.path, op.value, parsed);
    case 'remove':
      return located?.pair && located.parent?.kind === 'map' ? [removePair(located.parent, located.pair, parsed)] : undefined;
    case 'renameKey':
      return located?.pair ? [{ start: located.pair.keyRange[0], end: located.pair.keyRange[1], text: keyText(op.key, parsed) }] : undefined;
    case 'replaceText':
      return located ? [{ start: located.node.range[0], end: located.node.range[1], text: op.text }] : undefined;
  }
}

function setExisting(path: SpecPath, node: SNode, value: unknown, parsed: ParsedSpec): Raw[] | undefined {
  if (value === undefined) {
    return rawEdits({ kind: 'remove', path }, parsed);
  }
  if (isDeepStrictEqual(toValue(node), value)) {
    return [];
  }
  if (node.kind === 'map' && isPlainObject(value)) {
    const edits: Raw[] = [];
    for (const [key, wanted] of Object.entries(value)) {
      const made = rawEdits({ kind: 'set', path: [...path, key], value: wanted }, parsed);
      if (made === undefined) {
        return undefined;
      }
      edits.push(...made);
    }
    for (const pair of node.pairs.filter((p) => !(p.key in value))) {
      edits.push(removePair(node, pair, parsed));
    }
    return edits;
  }
  const text = inlineText(value, parsed);
  if (node.kind === 'scalar' && node.value === null && node.range[0] === node.range[1]) {
    return [{ start: node.range[0], end: node.range[1], text: ` ${text}` }];
  }
  return [{ start: node.range[0], end: node.range[1], text }];
}

function insertMissing(path: SpecPath, value: unknown, parsed: ParsedSpec): Raw[] | undefined {
  if (value === undefined) {
    return [];
  }
  const { located, depth } = findDeepest(parsed.root, path);
  const rest = path.slice(depth);
  if (located?.node.kind !== 'map' || rest.some((step) => typeof step !== 'string')) {
    return undefined;
  }
  const [key, ...inner] = rest as string[];
  const nested = inner.reduceRight<unknown>((acc, step) => ({ [step]: acc }), value);
  return [insertPair(located.node, key, nested, parsed)];
}

function insertPair(map: SMap, key: string, value: unknown, parsed: ParsedSpec): Raw {
  const last = map.pairs[map.pairs.length - 1];
  if (map.flow || parsed.format === 'json') {
    const entry = `${keyText(key, parsed)}: ${inlineText(value, parsed)}`;
    if (last === undefined) {
      return { start: map.range[0], end: map.range[1], text: `{ ${entry} }` };
    }
    const multiline = parsed.lines.position(map.range[0]).line !== parsed.lines.position(map.range[1]).line;
    const indent = ' '.repeat(parsed.lines.position(last.keyRange[0]).character);
    return { start: last.value.range[1], end: last.value.range[1], text: multiline ? `,\n${indent}${entry}` : `, ${entry}` };
  }
  const indent = ' '.repeat(parsed.lines.position(map.pairs[0].keyRange[0]).character);
  const block = stringify({ [key]: value }, { version: '1.1', lineWidth: 0 }).trimEnd().split('\n').join(`\n${indent}`);
  const at = parsed.lines.lineEnd(last.value.range[1]);
  return { start: at, end: at, text: `\n${indent}${block}` };
}

function removePair(map: SMap, pair: SPair, parsed: ParsedSpec): Raw {
  const text = parsed.lines.text;
  const index = map.pairs.indexOf(pair);
  const previous = map.pairs[index - 1];
  const next = map.pairs[index + 1];
  if (map.flow || parsed.format === 'json') {
    if (previous !== undefined) {
      return { start: previous.value.range[1], end: pair.value.range[1], text: '' };
    }
    return next !== undefined
      ? { start: pair.keyRange[0], end: next.keyRange[0], text: '' }
      : { start: map.range[0], end: map.range[1], text: '{}' };
  }
  const lineStart = parsed.lines.lineStart(pair.keyRange[0]);
  if (text.slice(lineStart, pair.keyRange[0]).trim() === '') {
    const end = parsed.lines.lineEnd(pair.value.range[1]);
    return { start: lineStart, end: Math.min(end + 1, text.length), text: '' };
  }
  // The key shares its line with a list dash: pull the next key up, or leave an empty mapping.
  return next !== undefined
    ? { start: pair.keyRange[0], end: next.keyRange[0], text: '' }
    : { start: pair.keyRange[0], end: pair.value.range[1], text: '{}' };
}

function keyText(key: string, parsed: ParsedSpec): string {
  return parsed.format === 'json' ? JSON.stringify(key) : stringify(key, { version: '1.1' }).trimEnd();
}

/** A value written on one line: JSON in JSON files, flow YAML otherwise. */
function inlineText(value: unknown, parsed: Pick<ParsedSpec, 'format'>): string {
  if (parsed.format === 'json') {
    return JSON.stringify(value);
  }
  return stringify(value, { version: '1.1', lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
