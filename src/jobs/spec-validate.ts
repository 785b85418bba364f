// The one validator of job spec files, used by the editor's diagnostics and by submission:
// parse → substitute → schema (from the protos) → hardware, shape, tuning and local rules →
// problems placed at exact ranges, each with its quick fixes as text edits.
import { checkHardware } from './hardware-rules';
import type { HardwareProblem } from './hardware-rules';
import { isRecord, readString } from './proto-json-values';
import { editsFor } from './spec-edits';
import { parseSpecText } from './spec-parse';
import type { ParsedSpec } from './spec-parse';
import { checkHyperparameterTuning } from './spec-rules-hp';
import { checkLocal } from './spec-rules-local';
import { checkNamesAndLabels } from './spec-rules-names';
import { checkShape } from './spec-rules-shape';
import { checkAgainstSchema } from './spec-schema-check';
import { substituteTree } from './spec-substitute';
import { findDeepest, findNode } from './spec-tree';
import type { HyperparameterTuningSection, JobSpecFile, LocalSections, SpecDiagnostic, SpecProblem, SpecRange, ValidationContext } from './spec-types';

export interface SpecAnalysis {
  parsed: ParsedSpec;
  diagnostics: SpecDiagnostic[];
  /** The substituted, normalised file; undefined only when the text could not be parsed. */
  spec?: JobSpecFile;
  /** The file's `region`, else the context's default. */
  region?: string;
}

const JOB_FIELDS = ['displayName', 'labels', 'encryptionSpec'];
const LOCAL_FIELDS = ['region', 'hyperparameterTuning', 'local'];

export function analyzeSpec(text: string, fileName: string, context: ValidationContext = {}): SpecAnalysis {
  const parsed = parseSpecText(text, fileName);
  if (parsed.root === undefined) {
    return { parsed, diagnostics: parsed.diagnostics };
  }
  const substituted = substituteTree(parsed.root, context.substitutions ?? {});
  const schema = checkAgainstSchema(substituted.root, text);
  const file = schema.value;
  const region = readString(file.region) ?? context.defaultRegion;
  const semantic = [
    ...checkShape(file, region, context),
    ...checkNamesAndLabels(file, region),
    ...checkHardware({ workerPoolSpecs: Array.isArray(file.workerPoolSpecs) ? file.workerPoolSpecs : [] }, region).map(fromHardware),
    ...checkHyperparameterTuning(file.hyperparameterTuning),
    ...checkLocal(file, region, context),
  ];
  // A value the schema already rejected was dropped, so rules about its surroundings would only echo it.
  const rejected = schema.problems.filter((p) => p.severity === 'error' && p.rule !== 'required-field').map((p) => p.path);
  const echoes = (p: SpecProblem): boolean => rejected.some((r) => r.length <= p.path.length && r.every((step, i) => p.path[i] === step));
  const unresolved = substituted.problems.map((p) => JSON.stringify(p.path));
  // A rule that says more about a missing field (and offers a fix) replaces the generic "needs X".
  const specific = semantic.map((p) => JSON.stringify(p.path));
  const typeProblems = schema.problems.filter((p) => !unresolved.includes(JSON.stringify(p.path))
    && !(p.rule === 'required-field' && specific.includes(JSON.stringify(p.path))));
  const problems = [...substituted.problems, ...typeProblems, ...semantic.filter((p) => !echoes(p))];
  return { parsed, diagnostics: problems.map((p) => placeProblem(p, parsed)), spec: toJobSpecFile(file), region };
}

export function hasErrors(diagnostics: SpecDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function fromHardware(problem: HardwareProblem): SpecProblem {
  return {
    path: problem.path,
    rule: problem.rule,
    severity: 'error',
    message: problem.message,
    apiMessage: problem.apiMessage,
    target: 'value',
    fixes: problem.fix ? [{ title: problem.fix.title, ops: [{ kind: 'set', path: problem.fix.path, value: problem.fix.value }] }] : [],
  };
}

function toJobSpecFile(file: Record<string, unknown>): JobSpecFile {
  const jobSpec = Object.fromEntries(Object.entries(file).filter(([k]) => !JOB_FIELDS.includes(k) && !LOCAL_FIELDS.includes(k)));
  return {
    ...(typeof file.displayName === 'string' && { displayName: file.displayName }),
    ...(isRecord(file.labels) && { labels: file.labels as Record<string, string> }),
    ...(isRecord(file.encryptionSpec) && { encryptionSpec: file.encryptionSpec }),
    ...(typeof file.region === 'string' && { region: file.region }),
    jobSpec,
    ...(isRecord(file.hyperparameterTuning) && isRecord(file.hyperparameterTuning.studySpec)
      && { hyperparameterTuning: file.hyperparameterTuning as unknown as HyperparameterTuningSection }),
    ...(isRecord(file.local) && { local: file.local as LocalSections }),
  };
}

function placeProblem(problem: SpecProblem, parsed: ParsedSpec): SpecDiagnostic {
  const fixes = (problem.fixes ?? []).flatMap((fix) => {
    const edits = editsFor(fix.ops, parsed);
    return edits === undefined ? [] : [{ title: fix.title, edits }];
  });
  return {
    rule: problem.rule,
    severity: problem.severity,
    message: problem.message,
    range: rangeFor(problem, parsed),
    path: problem.path,
    fixes,
    ...(problem.apiMessage !== undefined && { apiMessage: problem.apiMessage }),
  };
}

/** Where to underline: the field's key or value, a slice of a string, or the nearest thing that exists. */
export function rangeFor(problem: Pick<SpecProblem, 'path' | 'target'>, parsed: ParsedSpec): SpecRange {
  const { lines } = parsed;
  const firstLine = (start: number, end: number): SpecRange => lines.range(start, Math.max(start, Math.min(end, lines.lineEnd(start))));
  const located = findNode(parsed.root, problem.path);
  if (located === undefined || problem.path.length === 0) {
    const { located: nearest } = findDeepest(parsed.root, problem.path);
    const span = nearest?.pair?.keyRange ?? (nearest && problem.path.length > 0 ? nearest.node.range : undefined);
    return span ? firstLine(span[0], span[1]) : firstLine(0, lines.lineEnd(0));
  }
  const target = problem.target ?? 'value';
  if (typeof target === 'object') {
    const value = located.node.kind === 'scalar' && typeof located.node.value === 'string' ? located.node.value : undefined;
    return (value !== undefined ? sliceRange(located.node.range, value, target.slice, parsed) : undefined) ?? firstLine(...located.node.range);
  }
  const [start, end] = located.node.range;
  if (located.pair && (target === 'key' || start === end)) {
    return lines.range(...located.pair.keyRange);
  }
  return firstLine(start, end);
}

/** A slice of a string value mapped into its source text, which may be quoted or escaped. */
function sliceRange(span: [number, number], value: string, slice: [number, number], parsed: ParsedSpec): SpecRange | undefined {
  const token = value.slice(slice[0], slice[1]);
  const occurrence = value.slice(0, slice[0]).split(token).length - 1;
  const source = parsed.lines.text.slice(span[0], span[1]);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = source.indexOf(token, at + 1);
    if (at === -1) {
      return undefined;
    }
  }
  return parsed.lines.range(span[0] + at, span[0] + at + token.length);
}
