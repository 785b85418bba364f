// Where a value is being typed in a spec file: the field's path in the value tree, what is typed
// so far, and the rest of the file as values (for the machine type next to an accelerator, ...).
import { parseDocument } from 'yaml';
import { buildTree, toValue } from '../../jobs/spec-tree';
import type { SNode } from '../../jobs/spec-tree';
import type { SpecPath } from '../../jobs/spec-types';

export interface ValueCompletionContext {
  /** The field whose value is typed, e.g. ['workerPoolSpecs', 0, 'machineSpec', 'machineType']. */
  path: SpecPath;
  /** Typed so far, without an opening quote. */
  prefix: string;
  /** Offsets of the value token around the cursor, quotes excluded. */
  replace: [number, number];
  /** The whole file as plain values, as far as it parses. */
  root: unknown;
}

// `key: partial`, `"key": "partial` or `{key: partial` up to the cursor, on one line.
const KEY_AND_PARTIAL = /(^|[\s{,-])(["']?)([A-Za-z][\w]*)\2[ \t]*:[ \t]*(["']?)([^\s"',{}[\]#]*)$/;
const TOKEN_AFTER = /^[^\s"',{}[\]#]*/;

export function valueCompletionContext(text: string, offset: number): ValueCompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const match = KEY_AND_PARTIAL.exec(before);
  if (!match) return undefined;
  const [, lead, , key, quote, prefix] = match;
  const keyOffset = lineStart + match.index + lead.length + match[2].length;
  const after = TOKEN_AFTER.exec(text.slice(offset))?.[0] ?? '';
  // An unfinished quoted value leaves the rest of a JSON file unparsable: close it for parsing.
  const candidates = quote ? [text, `${text.slice(0, offset)}${quote}${text.slice(offset)}`] : [text];
  for (const candidate of candidates) {
    const tree = parseTree(candidate);
    const path = tree ? pathOfKey(tree, keyOffset, key, []) : undefined;
    if (tree && path) {
      return { path, prefix, replace: [offset - prefix.length, offset + after.length], root: toValue(tree) };
    }
  }
  return undefined;
}

function parseTree(text: string): SNode | undefined {
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: false });
  return doc.contents === null ? undefined : buildTree(doc, text);
}

function pathOfKey(node: SNode, keyOffset: number, key: string, at: SpecPath): SpecPath | undefined {
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      if (pair.key === key && pair.keyRange[0] <= keyOffset && keyOffset < pair.keyRange[1]) return [...at, pair.key];
      const inner = pathOfKey(pair.value, keyOffset, key, [...at, pair.key]);
      if (inner) return inner;
    }
  } else if (node.kind === 'seq') {
    for (const [index, item] of node.items.entries()) {
      const inner = pathOfKey(item, keyOffset, key, [...at, index]);
      if (inner) return inner;
    }
  }
  return undefined;
}
