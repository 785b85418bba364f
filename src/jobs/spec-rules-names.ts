// Rules on labels, the display name and the region. Label rules are Cloud Resource Manager's
// ("Requirements for labels"), which Vertex AI applies; displayName is 1–128 characters
// (custom_job.proto); regions come from data/regions.json.
import { knownRegions } from './hardware-catalog';
import { isRecord } from './proto-json-values';
import { closest } from './spec-schema-check';
import type { FixOp, Severity, SpecPath, SpecProblem } from './spec-types';

type Obj = Record<string, unknown>;

function problem(path: SpecPath, rule: string, severity: Severity, message: string, fixes: FixOp[] = [], target: 'key' | 'value' = 'value'): SpecProblem {
  return { path, rule, severity, message, target, fixes };
}

export function checkNamesAndLabels(file: Obj, region: string | undefined): SpecProblem[] {
  return [...checkLabels(file.labels), ...checkNames(file, region)];
}

const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

/** Lowercase, allowed characters only, at most 63 characters; keys start with a letter. */
export function labelSafe(text: string, kind: 'key' | 'value', keep: 'start' | 'end' = 'start'): string {
  const safe = text.toLowerCase().replace(/[^\p{Ll}\p{Lo}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  const keyed = kind === 'key' && !/^[\p{Ll}\p{Lo}]/u.test(safe) ? `x-${safe}` : safe;
  const chars = [...keyed];
  const cut = keep === 'start' ? chars.slice(0, 63) : chars.slice(-63);
  return cut.join('').replace(/^[-_]+|-+$/g, '');
}

function checkLabels(labels: unknown): SpecProblem[] {
  if (!isRecord(labels)) {
    return [];
  }
  const problems: SpecProblem[] = [];
  const entries = Object.entries(labels);
  if (entries.length > 64) {
    problems.push(problem(['labels'], 'label-count', 'error', `A job takes at most 64 labels, not ${entries.length}.`, [], 'key'));
  }
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key)) {
      const fixed = labelSafe(key, 'key');
      problems.push(problem(['labels', key], 'label-key', 'error',
        `Label key ${JSON.stringify(key)} must start with a lowercase letter and hold only lowercase letters, digits, _ and -, up to 63 characters.`,
        fixed && !(fixed in labels) ? [{ title: `Rename to ${fixed}`, ops: [{ kind: 'renameKey', path: ['labels', key], key: fixed }] }] : [], 'key'));
    }
    if (typeof value === 'string' && !value.includes('${') && !LABEL_VALUE.test(value)) {
      const fixed = labelSafe(value, 'value');
      problems.push(problem(['labels', key], 'label-value', 'error',
        `Label value ${JSON.stringify(value)} may hold only lowercase letters, digits, _ and -, up to 63 characters.`,
        [{ title: `Change to ${fixed === '' ? '""' : fixed}`, ops: [{ kind: 'set', path: ['labels', key], value: fixed }] }]));
    }
  }
  return problems;
}

function checkNames(file: Obj, region: string | undefined): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (typeof file.displayName === 'string' && (file.displayName.trim() === '' || [...file.displayName].length > 128)) {
    problems.push(problem(['displayName'], 'display-name', 'error', 'displayName must be 1 to 128 characters.'));
  }
  if (region !== undefined && typeof file.region === 'string' && !region.includes('${')) {
    const regions = knownRegions().map((r) => r.id);
    if (!regions.includes(region)) {
      const guess = closest(region, regions);
      problems.push(problem(['region'], 'region', /^[a-z]+-[a-z]+[0-9]+$/.test(region) ? 'warning' : 'error',
        `${region} is not a Vertex AI training region` + (guess ? `; did you mean ${guess}?` : '.'),
        guess ? [{ title: `Use ${guess}`, ops: [{ kind: 'set', path: ['region'], value: guess }] }] : []));
    }
  }
  return problems;
}
