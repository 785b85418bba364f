import { parseDocument } from 'yaml';
import { buildTree, LineIndex } from './spec-tree';
import type { SNode } from './spec-tree';
import type { SpecDiagnostic } from './spec-types';

export type SpecFormat = 'yaml' | 'json';

export interface ParsedSpec {
  format: SpecFormat;
  lines: LineIndex;
  /** Undefined when the text is not a usable document; `diagnostics` then says why. */
  root?: SNode;
  diagnostics: SpecDiagnostic[];
}

export function specFormat(fileName: string): SpecFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

/**
 * Parses a `*.vertex.yaml` / `*.vertex.json` text. YAML is read as YAML 1.1, as gcloud's loader reads
 * `--config` files: unquoted `yes`/`no`/`on`/`off` are booleans and `0x10` is 16. Never throws.
 */
export function parseSpecText(text: string, fileName: string): ParsedSpec {
  const format = specFormat(fileName);
  const lines = new LineIndex(text);
  const diagnostics: SpecDiagnostic[] = [];
  const error = (rule: string, message: string, start: number, end: number): void => {
    diagnostics.push({ rule, severity: 'error', message, range: lines.range(start, Math.max(end, start)), path: [], fixes: [] });
  };
  if (format === 'json') {
    const jsonError = strictJsonError(text);
    if (jsonError !== undefined) {
      error('json-syntax', `${jsonError.message}. Fix the JSON syntax.`, jsonError.offset, jsonError.offset + 1);
      return { format, lines, diagnostics };
    }
  }
  const doc = parseDocument(text, { version: format === 'json' ? '1.2' : '1.1', uniqueKeys: true, prettyErrors: false });
  for (const problem of doc.errors) {
    const [start, end] = problem.pos;
    const message = problem.code === 'DUPLICATE_KEY'
      ? 'This key appears twice in the same mapping; remove one of them.'
      : `${problem.message.split('\n')[0]}. Fix the YAML syntax here.`;
    error(problem.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax', message, start, end);
  }
  if (doc.errors.length > 0) {
    return { format, lines, diagnostics };
  }
  if (doc.contents === null) {
    error('empty-spec', 'The spec is empty: add workerPoolSpecs, the worker pools the job runs on.', 0, lines.lineEnd(0));
    return { format, lines, diagnostics };
  }
  const root = buildTree(doc, text);
  if (root.kind !== 'map') {
    error('not-a-mapping', 'The spec must be a mapping of fields (workerPoolSpecs, scheduling, …), not a list or a single value.', root.range[0], root.range[1]);
    return { format, lines, diagnostics };
  }
  return { format, lines, root, diagnostics };
}

function strictJsonError(text: string): { message: string; offset: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    // Node reports a position for some errors only; the YAML parser finds most of the others.
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : parseDocument(text).errors[0]?.pos[0] ?? text.length;
    const short = message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '').replace(/, \.\.\.[\s\S]*$/, '');
    return { message: short, offset };
  }
}
