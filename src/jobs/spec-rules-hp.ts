// Hyperparameter tuning rules, from the field comments of study.proto and
// hyperparameter_tuning_job.proto (@google-cloud/aiplatform) and the docs page
// "Hyperparameter tuning overview": metric and parameter ids, value specs, scales, grid search,
// conditional parameters and trial counts.
import { isRecord, readInt } from './proto-json-values';
import type { FixOp, Severity, SpecPath, SpecProblem } from './spec-types';

type Obj = Record<string, unknown>;
const HP: SpecPath = ['hyperparameterTuning'];
const SPECS = ['doubleValueSpec', 'integerValueSpec', 'categoricalValueSpec', 'discreteValueSpec'] as const;
type ValueKind = (typeof SPECS)[number];

function problem(path: SpecPath, rule: string, severity: Severity, message: string, fixes: FixOp[] = [], target: 'key' | 'value' = 'value'): SpecProblem {
  return { path, rule, severity, message, target, fixes };
}

export function checkHyperparameterTuning(hp: unknown): SpecProblem[] {
  if (!isRecord(hp)) {
    return [];
  }
  const problems = checkTrialCounts(hp);
  const study = isRecord(hp.studySpec) ? hp.studySpec : undefined;
  if (study === undefined) {
    return problems;
  }
  const at: SpecPath = [...HP, 'studySpec'];
  problems.push(...checkMetrics(study.metrics, [...at, 'metrics']));
  const parameters = Array.isArray(study.parameters) ? study.parameters : [];
  if (parameters.length === 0) {
    problems.push(problem([...at, 'parameters'], 'hp-parameters', 'error', 'studySpec.parameters needs at least one parameter to tune.', [], 'key'));
  }
  problems.push(...checkParameters(parameters, [...at, 'parameters']));
  if (study.algorithm === 'GRID_SEARCH') {
    parameters.forEach((p, i) => {
      if (isRecord(p) && p.doubleValueSpec !== undefined) {
        problems.push(problem([...at, 'parameters', i, 'doubleValueSpec'], 'hp-grid-search', 'error',
          'GRID_SEARCH needs every parameter to be INTEGER, CATEGORICAL or DISCRETE: turn this DOUBLE range into a discreteValueSpec, or pick another algorithm.',
          [{ title: 'Use RANDOM_SEARCH', ops: [{ kind: 'set', path: [...at, 'algorithm'], value: 'RANDOM_SEARCH' }] }], 'key'));
      }
    });
  }
  return problems;
}

function checkTrialCounts(hp: Obj): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const max = readInt(hp.maxTrialCount);
  const parallel = readInt(hp.parallelTrialCount);
  const failed = readInt(hp.maxFailedTrialCount);
  for (const [field, value] of [['maxTrialCount', max], ['parallelTrialCount', parallel]] as const) {
    if (value !== undefined && value < 1) {
      problems.push(problem([...HP, field], 'hp-trial-count', 'error', `${field} must be at least 1.`,
        [{ title: `Set ${field} to 1`, ops: [{ kind: 'set', path: [...HP, field], value: 1 }] }]));
    }
  }
  if (max !== undefined && parallel !== undefined && max >= 1 && parallel > max) {
    problems.push(problem([...HP, 'parallelTrialCount'], 'hp-parallel-trials', 'error',
      `parallelTrialCount (${parallel}) cannot be more than maxTrialCount (${max}).`,
      [{ title: `Set parallelTrialCount to ${max}`, ops: [{ kind: 'set', path: [...HP, 'parallelTrialCount'], value: max }] }]));
  }
  if (failed !== undefined && failed < 0) {
    problems.push(problem([...HP, 'maxFailedTrialCount'], 'hp-failed-trials', 'error',
      'maxFailedTrialCount cannot be negative; 0 lets Vertex AI decide.',
      [{ title: 'Set maxFailedTrialCount to 0', ops: [{ kind: 'set', path: [...HP, 'maxFailedTrialCount'], value: 0 }] }]));
  } else if (failed !== undefined && max !== undefined && failed > max) {
    problems.push(problem([...HP, 'maxFailedTrialCount'], 'hp-failed-trials', 'warning',
      `maxFailedTrialCount (${failed}) is more than maxTrialCount (${max}), so failures never stop the job early.`));
  }
  return problems;
}

function checkMetrics(metrics: unknown, at: SpecPath): SpecProblem[] {
  const list = Array.isArray(metrics) ? metrics : [];
  if (list.length === 0) {
    return [problem(at, 'hp-metrics', 'error', 'studySpec.metrics needs the metric to optimize: a metricId your code reports and a goal.', [], 'key')];
  }
  const problems: SpecProblem[] = [];
  const seen = new Set<string>();
  list.forEach((metric, i) => {
    if (!isRecord(metric)) {
      return;
    }
    problems.push(...checkId(metric.metricId, [...at, i, 'metricId'], 'metricId', seen));
    if (metric.goal === undefined || metric.goal === 'GOAL_TYPE_UNSPECIFIED') {
      problems.push(problem([...at, i, 'goal'], 'hp-metric-goal', 'error',
        `Metric ${String(metric.metricId ?? i)} needs a goal: MAXIMIZE or MINIMIZE.`,
        (['MAXIMIZE', 'MINIMIZE'] as const).map((goal) => ({ title: `Set goal to ${goal}`, ops: [{ kind: 'set', path: [...at, i, 'goal'], value: goal }] }))));
    }
  });
  return problems;
}

function checkId(id: unknown, path: SpecPath, field: string, seen: Set<string>): SpecProblem[] {
  if (typeof id !== 'string') {
    return [];
  }
  if (id.trim() === '' || /\s/.test(id)) {
    const fixed = id.trim().replace(/\s+/g, '_');
    return [problem(path, `hp-${field === 'metricId' ? 'metric' : 'parameter'}-id`, 'error', `${field} must not be empty or contain whitespace.`,
      fixed ? [{ title: `Write ${fixed}`, ops: [{ kind: 'set', path, value: fixed }] }] : [])];
  }
  if (seen.has(id)) {
    return [problem(path, `hp-${field === 'metricId' ? 'metric' : 'parameter'}-id`, 'error', `${field} ${id} is used twice; each must be unique.`)];
  }
  seen.add(id);
  return [];
}

function valueKind(parameter: Obj): ValueKind | undefined {
  return SPECS.find((k) => isRecord(parameter[k]));
}

function checkParameters(parameters: unknown[], at: SpecPath, seen = new Set<string>()): SpecProblem[] {
  const problems: SpecProblem[] = [];
  parameters.forEach((parameter, i) => {
    if (!isRecord(parameter)) {
      return;
    }
    const here: SpecPath = [...at, i];
    problems.push(...checkId(parameter.parameterId, [...here, 'parameterId'], 'parameterId', seen));
    const kind = valueKind(parameter);
    if (kind === undefined) {
      problems.push(problem(here, 'hp-parameter-spec', 'error',
        `Parameter ${String(parameter.parameterId ?? i)} needs one value spec: doubleValueSpec, integerValueSpec, categoricalValueSpec or discreteValueSpec.`));
      return;
    }
    problems.push(...checkValueSpec(parameter, kind, here));
    const conditionals = Array.isArray(parameter.conditionalParameterSpecs) ? parameter.conditionalParameterSpecs : [];
    conditionals.forEach((conditional, c) => {
      if (isRecord(conditional)) {
        problems.push(...checkConditional(conditional, parameter, kind, [...here, 'conditionalParameterSpecs', c]));
      }
    });
  });
  return problems;
}

function checkValueSpec(parameter: Obj, kind: ValueKind, at: SpecPath): SpecProblem[] {
  const spec = parameter[kind] as Obj;
  const specPath = [...at, kind];
  const problems: SpecProblem[] = [];
  const scale = parameter.scaleType;
  if (kind === 'doubleValueSpec' || kind === 'integerValueSpec') {
    const min = Number(spec.minValue);
    const max = Number(spec.maxValue);
    if (min > max) {
      problems.push(problem([...specPath, 'minValue'], 'hp-range', 'error', `minValue (${min}) is more than maxValue (${max}).`,
        [{ title: 'Swap minValue and maxValue', ops: [{ kind: 'set', path: [...specPath, 'minValue'], value: spec.maxValue }, { kind: 'set', path: [...specPath, 'maxValue'], value: spec.minValue }] }]));
    }
    if ((scale === 'UNIT_LOG_SCALE' || scale === 'UNIT_REVERSE_LOG_SCALE') && min <= 0) {
      problems.push(problem([...specPath, 'minValue'], 'hp-log-scale', 'error', `${scale} needs a strictly positive range: minValue must be above 0.`,
        [{ title: 'Use UNIT_LINEAR_SCALE', ops: [{ kind: 'set', path: [...at, 'scaleType'], value: 'UNIT_LINEAR_SCALE' }] }]));
    }
  }
  if (kind === 'categoricalValueSpec' || kind === 'discreteValueSpec') {
    const values = Array.isArray(spec.values) ? spec.values : [];
    if (values.length === 0) {
      problems.push(problem([...specPath, 'values'], 'hp-values', 'error', 'values needs at least one value.', [], 'key'));
    }
    if (new Set(values.map(String)).size !== values.length) {
      problems.push(problem([...specPath, 'values'], 'hp-values', 'error', 'values lists a value twice; each must be unique.'));
    }
    if (kind === 'discreteValueSpec') {
      const numbers = values.map(Number);
      if (numbers.some((v, i) => i > 0 && v - numbers[i - 1] < 1e-10)) {
        const sorted = [...new Set(numbers)].sort((a, b) => a - b);
        problems.push(problem([...specPath, 'values'], 'hp-discrete-order', 'error', 'Discrete values must be in increasing order and at least 1e-10 apart.',
          [{ title: 'Sort the values', ops: [{ kind: 'set', path: [...specPath, 'values'], value: sorted }] }]));
      }
      if (numbers.length > 1000) {
        problems.push(problem([...specPath, 'values'], 'hp-values', 'error', `A discrete parameter takes at most 1,000 values, not ${numbers.length}.`));
      }
      if ((scale === 'UNIT_LOG_SCALE' || scale === 'UNIT_REVERSE_LOG_SCALE') && numbers.some((v) => v <= 0)) {
        problems.push(problem([...specPath, 'values'], 'hp-log-scale', 'error', `${scale} needs every value above 0.`));
      }
    }
    if (kind === 'categoricalValueSpec' && scale !== undefined) {
      problems.push(problem([...at, 'scaleType'], 'hp-categorical-scale', 'warning', 'Leave scaleType unset for a CATEGORICAL parameter.',
        [{ title: 'Remove scaleType', ops: [{ kind: 'remove', path: [...at, 'scaleType'] }] }], 'key'));
    }
  }
  if (spec.defaultValue !== undefined) {
    problems.push(problem([...specPath, 'defaultValue'], 'hp-default-value', 'warning',
      'defaultValue is only used by Vertex AI Vizier; hyperparameter tuning jobs do not support it.',
      [{ title: 'Remove defaultValue', ops: [{ kind: 'remove', path: [...specPath, 'defaultValue'] }] }], 'key'));
  }
  return problems;
}

const CONDITIONS: Record<string, ValueKind> = {
  parentDiscreteValues: 'discreteValueSpec',
  parentIntValues: 'integerValueSpec',
  parentCategoricalValues: 'categoricalValueSpec',
};

// Conditional parameters may reuse a name under disjoint conditions, so their ids are not checked against the parent's.
function checkConditional(conditional: Obj, parent: Obj, parentKind: ValueKind, at: SpecPath): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const used = Object.keys(CONDITIONS).filter((c) => isRecord(conditional[c]));
  const wanted = Object.keys(CONDITIONS).find((c) => CONDITIONS[c] === parentKind);
  if (used.length === 0) {
    problems.push(problem(at, 'hp-condition', 'error', wanted
      ? `A conditional parameter needs ${wanted}: the parent values that switch it on.`
      : 'A DOUBLE parameter cannot have conditional parameters; make the parent INTEGER, CATEGORICAL or DISCRETE.'));
  }
  for (const condition of used) {
    if (CONDITIONS[condition] !== parentKind) {
      problems.push(problem([...at, condition], 'hp-condition', 'error',
        `${condition} matches a ${CONDITIONS[condition].replace('ValueSpec', '').toUpperCase()} parent, but the parent is ${parentKind.replace('ValueSpec', '').toUpperCase()}` +
        (wanted ? `: use ${wanted}.` : '.'), wanted ? [{ title: `Rename to ${wanted}`, ops: [{ kind: 'renameKey', path: [...at, condition], key: wanted }] }] : [], 'key'));
      continue;
    }
    const values = isRecord(conditional[condition]) && Array.isArray((conditional[condition] as Obj).values) ? (conditional[condition] as Obj).values as unknown[] : [];
    const spec = parent[parentKind] as Obj;
    const outside = values.filter((v) => parentKind === 'integerValueSpec'
      ? Number(v) < Number(spec.minValue) || Number(v) > Number(spec.maxValue)
      : !(Array.isArray(spec.values) && spec.values.map(String).includes(String(parentKind === 'discreteValueSpec' ? Number(v) : v))));
    if (outside.length > 0) {
      problems.push(problem([...at, condition, 'values'], 'hp-condition', 'error',
        `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the parent parameter's values.`));
    }
  }
  if (isRecord(conditional.parameterSpec)) {
    problems.push(...checkParameters([conditional.parameterSpec], [...at, 'parameterSpec']).map((p) => ({
      ...p, path: [...at, 'parameterSpec', ...p.path.slice(at.length + 2)],
    })));
  }
  return problems;
}
