// After a push, the spec runs exactly what was pushed: `local.build.image` and every worker pool
// that runs that image are set to `repository@digest`, as minimal text edits that keep the rest of
// the file (comments, order, style) as it was.
import { isRecord } from '../jobs/proto-json-values';
import { editsFor } from '../jobs/spec-edits';
import { parseSpecText } from '../jobs/spec-parse';
import { toValue } from '../jobs/spec-tree';
import type { EditOp, SpecEdit } from '../jobs/spec-types';
import { imageRepository } from './image-build';

function sameRepository(a: string, b: string): boolean {
  try {
    return imageRepository(a) === imageRepository(b);
  } catch {
    return false;
  }
}

/** The edits that pin the built image; undefined when the text has no local.build.image to pin. */
export function pinImageEdits(text: string, fileName: string, pinned: string): SpecEdit[] | undefined {
  const parsed = parseSpecText(text, fileName);
  if (parsed.root === undefined) return undefined;
  const file = toValue(parsed.root);
  const build = isRecord(file) && isRecord(file.local) && isRecord(file.local.build) ? file.local.build : undefined;
  if (build === undefined || typeof build.image !== 'string') return undefined;
  const image = build.image;
  const ops: EditOp[] = [{ kind: 'set', path: ['local', 'build', 'image'], value: pinned }];
  const pools = isRecord(file) && Array.isArray(file.workerPoolSpecs) ? file.workerPoolSpecs : [];
  pools.forEach((pool, i) => {
    const uri = isRecord(pool) && isRecord(pool.containerSpec) ? pool.containerSpec.imageUri : undefined;
    if (typeof uri === 'string' && (uri === image || sameRepository(uri, image))) {
      ops.push({ kind: 'set', path: ['workerPoolSpecs', i, 'containerSpec', 'imageUri'], value: pinned });
    }
  });
  return editsFor(ops, parsed);
}

/** The text with the edits applied (they come sorted and do not overlap). */
export function applyEdits(text: string, edits: readonly SpecEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range.startOffset - a.range.startOffset)) {
    out = out.slice(0, edit.range.startOffset) + edit.newText + out.slice(edit.range.endOffset);
  }
  return out;
}
