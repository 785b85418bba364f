import { isJsonObject } from '../core/json';
import type { JsonObject, JsonValue } from '../core/json';
import { jitter } from './training-log';

/** The study's parameter values for trial `n`, drawn deterministically from the job id. */
export function sampleParameters(jobId: string, studySpec: JsonObject, n: number): JsonObject[] {
  const params = Array.isArray(studySpec.parameters) ? studySpec.parameters : [];
  return params.filter(isJsonObject).map((p, i) => {
    const u = jitter(jobId, n * 97 + i);
    return { parameterId: String(p.parameterId ?? `param${i}`), value: valueFor(p, u, n) };
  });
}

function valueFor(p: JsonObject, u: number, n: number): JsonValue {
  const log = p.scaleType === 'UNIT_LOG_SCALE';
  if (isJsonObject(p.doubleValueSpec)) {
    const min = Number(p.doubleValueSpec.minValue ?? 0);
    const max = Number(p.doubleValueSpec.maxValue ?? 1);
    const v = log && min > 0 ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    return Number(v.toPrecision(6));
  }
  if (isJsonObject(p.integerValueSpec)) {
    const min = Number(p.integerValueSpec.minValue ?? 0);
    const max = Number(p.integerValueSpec.maxValue ?? 0);
    return Math.round(min + u * (max - min));
  }
  if (isJsonObject(p.categoricalValueSpec) && Array.isArray(p.categoricalValueSpec.values)) {
    const values = p.categoricalValueSpec.values;
    return String(values[(n - 1) % Math.max(values.length, 1)] ?? '');
  }
  if (isJsonObject(p.discreteValueSpec) && Array.isArray(p.discreteValueSpec.values)) {
    const values = p.discreteValueSpec.values;
    return Number(values[Math.floor(u * values.length)] ?? 0);
  }
  return u;
}

/** The objective a finished trial reports: accuracy-like when maximizing, loss-like when minimizing. */
export function metricValue(jobId: string, goal: unknown, n: number): number {
  const u = jitter(jobId, 10_000 + n);
  return Number((goal === 'MINIMIZE' ? 0.08 + 0.6 * u : 0.7 + 0.28 * u).toFixed(4));
}

/** The id of the best finished trial by the study's first metric, if any finished. */
export function bestTrialId(job: JsonObject): string | undefined {
  const study = isJsonObject(job.studySpec) ? job.studySpec : {};
  const metric = Array.isArray(study.metrics) && isJsonObject(study.metrics[0]) ? study.metrics[0] : {};
  const sign = metric.goal === 'MINIMIZE' ? -1 : 1;
  let best: { id: string; v: number } | undefined;
  for (const t of Array.isArray(job.trials) ? job.trials : []) {
    if (!isJsonObject(t) || t.state !== 'SUCCEEDED' || !isJsonObject(t.finalMeasurement)) continue;
    const m = Array.isArray(t.finalMeasurement.metrics) ? t.finalMeasurement.metrics.find((x) => isJsonObject(x) && x.metricId === metric.metricId) : undefined;
    const v = isJsonObject(m) ? Number(m.value) : NaN;
    if (!Number.isNaN(v) && (!best || sign * v > sign * best.v)) best = { id: String(t.id), v };
  }
  return best?.id;
}
