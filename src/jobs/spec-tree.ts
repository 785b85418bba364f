// A small value tree that remembers where each key and value sits in the text, built from the
// `yaml` package's nodes. Everything after parsing works on paths; this file turns them into ranges.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { SpecPath, SpecPosition, SpecRange } from './spec-types';

export type Span = [number, number];

export interface SPair { key: string; keyRange: Span; value: SNode }
export interface SMap { kind: 'map'; range: Span; flow: boolean; pairs: SPair[] }
export interface SSeq { kind: 'seq'; range: Span; flow: boolean; items: SNode[] }
export interface SScalar { kind: 'scalar'; range: Span; value: unknown; quoted: boolean }
export type SNode = SMap | SSeq | SScalar;

export function buildTree(doc: Document, text: string): SNode {
  const seen = new Set<unknown>();
  // Block collections end after their last newline; ranges here end at the last character instead.
  const spanOf = (node: unknown): Span => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) {
      return [0, 0];
    }
    let end = range[1];
    while (end > range[0] && /\s/.test(text[end - 1])) {
      end--;
    }
    return [range[0], end];
  };
  const build = (node: unknown): SNode => {
    if (isAlias(node)) {
      const target = seen.has(node) ? null : node.resolve(doc);
      seen.add(node);
      const built = target ? build(target) : emptyScalar(spanOf(node));
      return { ...built, range: spanOf(node) };
    }
    if (isMap(node)) {
      const pairs: SPair[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode ?? '');
        const keyRange = spanOf(keyNode);
        const value = pair.value == null ? emptyScalar([keyRange[1] + 1, keyRange[1] + 1]) : build(pair.value);
        if (key === '<<') {
          mergeInto(pairs, value);
        } else {
          pairs.push({ key, keyRange, value });
        }
      }
      return { kind: 'map', range: spanOf(node), flow: node.flow === true, pairs };
    }
    if (isSeq(node)) {
      return { kind: 'seq', range: spanOf(node), flow: node.flow === true, items: node.items.map(build) };
    }
    if (isScalar(node)) {
      const range = spanOf(node);
      const source = text.slice(range[0], range[1]);
      // The yaml package's YAML 1.1 float pattern takes a lone "." as NaN; PyYAML, which gcloud uses, reads a string.
      const value = Number.isNaN(node.value) && !/^[-+]?\.nan$/i.test(source) ? source : node.value;
      return { kind: 'scalar', range, value, quoted: node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' };
    }
    return emptyScalar([0, 0]);
  };
  return build(doc.contents);
}

/** YAML merge keys (`<<: *defaults`): keys already in the map win, as in gcloud's loader. */
function mergeInto(pairs: SPair[], source: SNode): void {
  const sources = source.kind === 'seq' ? source.items : [source];
  for (const map of sources) {
    if (map.kind === 'map') {
      for (const pair of map.pairs) {
        if (!pairs.some((p) => p.key === pair.key)) {
          pairs.push(pair);
        }
      }
    }
  }
}

function emptyScalar(range: Span): SScalar {
  return { kind: 'scalar', range, value: null, quoted: false };
}


/** The plain JS value of a node; a Date stays a Date so the type checker can say what YAML did. */
export function toValue(node: SNode): unknown {
  switch (node.kind) {
    case 'map':
      return Object.fromEntries(node.pairs.map((p) => [p.key, toValue(p.value)]));
    case 'seq':
      return node.items.map(toValue);
    default:
      return node.value;
  }
}

export interface Located { node: SNode; pair?: SPair; parent?: SNode }

/** Follows a path; a number into a non-list node means gcloud's one-item list, so it stays put. */
export function findNode(root: SNode | undefined, path: SpecPath): Located | undefined {
  let here: Located | undefined = root ? { node: root } : undefined;
  for (const step of path) {
    if (here === undefined) {
      return undefined;
    }
    const node: SNode = here.node;
    if (typeof step === 'number') {
      if (node.kind === 'seq') {
        here = node.items[step] ? { node: node.items[step], parent: node } : undefined;
      } else if (step !== 0) {
        return undefined;
      }
    } else {
      const pair = node.kind === 'map' ? node.pairs.find((p) => p.key === step) : undefined;
      here = pair ? { node: pair.value, pair, parent: node } : undefined;
    }
  }
  return here;
}

/** The deepest node on the path that exists, and how many steps of the path it covers. */
export function findDeepest(root: SNode | undefined, path: SpecPath): { located?: Located; depth: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const located = findNode(root, path.slice(0, depth));
    if (located) {
      return { located, depth };
    }
  }
  return { depth: 0 };
}

/** Line starts of a text, to turn offsets into positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): SpecPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  range(start: number, end: number): SpecRange {
    const clamp = (offset: number): number => Math.max(0, Math.min(offset, this.text.length));
    return { start: this.position(start), end: this.position(end), startOffset: clamp(start), endOffset: clamp(Math.max(start, end)) };
  }

  lineStart(offset: number): number {
    return this.starts[this.position(offset).line];
  }

  lineEnd(offset: number): number {
    const next = this.text.indexOf('\n', offset);
    return next === -1 ? this.text.length : next;
  }
}
