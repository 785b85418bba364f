import type { Emulator } from '../core/emulator';
import { failedPrecondition } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import { cloneJson, isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';
import { parseLocation } from '../core/resource-names';
import { validateLabels } from './custom-jobs';
import { foundErrors, validateJobSpec, withSpecDefaults } from './job-spec';
import { HP_TUNING_JOBS, jobIdOf, nowStamp, shouldFail, TERMINAL_STATES, updateJob, writeServiceLog, writeTaskLog } from './job-store';
import { deleteJob, getJob, listJobs } from './list-support';
import { metricValue, sampleParameters } from './trials';

const SERVICE = 'google.cloud.aiplatform.v1.JobService';
const REQUIRED = 'Required field is not set.';

function validateStudy(study: unknown): FieldViolation[] {
  if (!isJsonObject(study)) return [{ field: 'study_spec', description: REQUIRED }];
  const out: FieldViolation[] = [];
  const metrics = Array.isArray(study.metrics) ? study.metrics : [];
  if (!metrics.length) out.push({ field: 'study_spec.metrics', description: REQUIRED });
  metrics.forEach((m, i) => {
    if (!isJsonObject(m) || !m.metricId) out.push({ field: `study_spec.metrics[${i}].metric_id`, description: REQUIRED });
    if (!isJsonObject(m) || !m.goal || m.goal === 'GOAL_TYPE_UNSPECIFIED') out.push({ field: `study_spec.metrics[${i}].goal`, description: REQUIRED });
  });
  const params = Array.isArray(study.parameters) ? study.parameters : [];
  if (!params.length) out.push({ field: 'study_spec.parameters', description: REQUIRED });
  params.forEach((p, i) => {
    if (!isJsonObject(p) || !p.parameterId) out.push({ field: `study_spec.parameters[${i}].parameter_id`, description: REQUIRED });
    const specs = ['doubleValueSpec', 'integerValueSpec', 'categoricalValueSpec', 'discreteValueSpec'].filter((k) => isJsonObject(p) && isJsonObject(p[k]));
    if (specs.length !== 1) out.push({ field: `study_spec.parameters[${i}].parameter_value_spec`, description: 'Exactly one parameter value spec must be set.' });
    const d = isJsonObject(p) && isJsonObject(p.doubleValueSpec) ? p.doubleValueSpec : undefined;
    if (d && !(Number(d.minValue) < Number(d.maxValue))) out.push({ field: `study_spec.parameters[${i}].double_value_spec`, description: 'min_value must be less than max_value.' });
  });
  return out;
}

/**
 * Trials start `parallelTrialCount` at a time once the job runs; each ends after
 * `timings.trialMs` with its final measurement, until `maxTrialCount` have finished.
 */
class HpTuningSimulator {
  private readonly pending = new Map<string, Array<() => void>>();

  constructor(private readonly emu: Emulator) {
    emu.store.events.on('reset', () => [...this.pending.keys()].forEach((n) => this.stop(n)));
    emu.store.events.on('deleted', (kind: string, name: string) => kind === HP_TUNING_JOBS && this.stop(name));
    emu.store.events.on('loaded', () => {
      for (const [name, job] of emu.store.collection<JsonObject>(HP_TUNING_JOBS)) if (!TERMINAL_STATES.has(String(job.state))) this.start(name);
    });
  }

  start(name: string): void {
    this.stop(name);
    const job = this.emu.store.collection<JsonObject>(HP_TUNING_JOBS).get(name);
    if (!job) return;
    const t = this.emu.timings;
    const next = (state: string, extra: JsonObject = {}) => () => {
      if (updateJob(this.emu, HP_TUNING_JOBS, name, (j) => Object.assign(j, { state }, extra))) this.start(name);
    };
    if (job.state === 'JOB_STATE_QUEUED') this.later(name, t.jobQueuedMs, next('JOB_STATE_PENDING'));
    else if (job.state === 'JOB_STATE_PENDING') this.later(name, t.jobPendingMs, () => next('JOB_STATE_RUNNING', { startTime: nowStamp(this.emu) })());
    else if (job.state === 'JOB_STATE_RUNNING') this.step(name);
    else if (job.state === 'JOB_STATE_CANCELLING') this.later(name, Math.min(t.jobPendingMs, 1_000), () => this.finish(name, 'JOB_STATE_CANCELLED', { code: 1, message: 'CANCELED' }));
  }

  cancel(name: string): void {
    this.stop(name);
    const changed = updateJob(this.emu, HP_TUNING_JOBS, name, (j) => {
      j.state = 'JOB_STATE_CANCELLING';
      j.trials = (Array.isArray(j.trials) ? j.trials : []).map((t) => (isJsonObject(t) && t.state === 'ACTIVE' ? { ...t, state: 'STOPPING' } : t));
    });
    if (changed) this.start(name);
  }

  /** Finishes active trials, then starts new ones or ends the job. */
  private step(name: string): void {
    const job = this.emu.store.collection<JsonObject>(HP_TUNING_JOBS).get(name);
    if (!job) return;
    const trials = (Array.isArray(job.trials) ? job.trials : []).filter(isJsonObject);
    const jobId = jobIdOf(name);
    const study = isJsonObject(job.studySpec) ? job.studySpec : {};
    const metric = Array.isArray(study.metrics) && isJsonObject(study.metrics[0]) ? study.metrics[0] : {};
    const max = Number(job.maxTrialCount ?? 1);
    const parallel = Math.max(1, Number(job.parallelTrialCount ?? 1));
    const now = nowStamp(this.emu);
    const fail = shouldFail(job);
    for (const t of trials) {
      if (t.state !== 'ACTIVE') continue;
      const n = Number(t.id);
      if (fail) Object.assign(t, { state: 'INFEASIBLE', endTime: now, infeasibleReason: 'The trial exited with a non-zero status of 1.' });
      else {
        const value = metricValue(jobId, metric.goal, n);
        Object.assign(t, { state: 'SUCCEEDED', endTime: now, finalMeasurement: { stepCount: '100', metrics: [{ metricId: String(metric.metricId ?? 'metric'), value }] } });
        writeTaskLog(this.emu, name, 'workerpool0-0', [{ severity: 'INFO', message: `Trial ${n} finished: ${String(metric.metricId)}=${value}` }], { 'ml.googleapis.com/trial_id': String(n) });
      }
    }
    const failed = trials.filter((t) => t.state === 'INFEASIBLE').length;
    if (fail && failed > Number(job.maxFailedTrialCount ?? 0)) {
      updateJob(this.emu, HP_TUNING_JOBS, name, (j) => (j.trials = trials));
      this.finish(name, 'JOB_STATE_FAILED', { code: 3, message: `${failed} trials failed, more than max_failed_trial_count (${Number(job.maxFailedTrialCount ?? 0)}).` });
      return;
    }
    const launch = Math.min(parallel, max - trials.length);
    for (let i = 0; i < launch; i++) {
      const n = trials.length + 1;
      trials.push({ id: String(n), state: 'ACTIVE', parameters: sampleParameters(jobId, study, n), startTime: now });
      writeTaskLog(this.emu, name, 'workerpool0-0', [{ severity: 'INFO', message: `Trial ${n} started` }], { 'ml.googleapis.com/trial_id': String(n) });
    }
    updateJob(this.emu, HP_TUNING_JOBS, name, (j) => (j.trials = trials));
    if (launch > 0) this.later(name, this.emu.timings.trialMs, () => this.step(name));
    else this.finish(name, 'JOB_STATE_SUCCEEDED');
  }

  private finish(name: string, state: string, error?: JsonObject): void {
    const now = nowStamp(this.emu);
    if (updateJob(this.emu, HP_TUNING_JOBS, name, (j) => Object.assign(j, { state, endTime: now }, error ? { error } : {}))) {
      writeServiceLog(this.emu, name, error && state === 'JOB_STATE_FAILED' ? 'ERROR' : 'INFO', `Job ${state === 'JOB_STATE_SUCCEEDED' ? 'completed successfully' : state === 'JOB_STATE_FAILED' ? 'failed' : 'was cancelled'}.`);
    }
  }

  private later(name: string, ms: number, fn: () => void): void {
    const list = this.pending.get(name) ?? [];
    list.push(this.emu.timers.after(ms, fn));
    this.pending.set(name, list);
  }

  private stop(name: string): void {
    for (const cancel of this.pending.get(name) ?? []) cancel();
    this.pending.delete(name);
  }
}

/** A new HyperparameterTuningJob as the API stores it, or the API's INVALID_ARGUMENT. */
export function newHpTuningJob(emu: Emulator, parentValue: unknown, input: JsonObject): JsonObject {
  const parent = parseLocation(emu.store, parentValue);
  const violations: FieldViolation[] = [];
  if (!input.displayName) violations.push({ field: 'display_name', description: REQUIRED });
  violations.push(...validateStudy(input.studySpec));
  if (!(Number(input.maxTrialCount ?? 0) > 0)) violations.push({ field: 'max_trial_count', description: 'max_trial_count must be greater than 0.' });
  if (!(Number(input.parallelTrialCount ?? 0) > 0)) violations.push({ field: 'parallel_trial_count', description: 'parallel_trial_count must be greater than 0.' });
  violations.push(...validateJobSpec(input.trialJobSpec, 'trial_job_spec', parent.location), ...validateLabels(input.labels));
  if (violations.length) throw foundErrors(violations);
  const now = nowStamp(emu);
  const job: JsonObject = {
    ...cloneJson(input),
    name: `${parent.name}/${HP_TUNING_JOBS}/${emu.store.nextId()}`,
    trialJobSpec: withSpecDefaults(input.trialJobSpec as JsonObject),
    state: 'JOB_STATE_QUEUED',
    createTime: now,
    updateTime: now,
  };
  for (const outputOnly of ['trials', 'startTime', 'endTime', 'error']) delete job[outputOnly];
  return job;
}

export function registerHpTuningJobs(emu: Emulator): { start(name: string): void } {
  const sim = new HpTuningSimulator(emu);
  emu.registry.service(SERVICE, {
    CreateHyperparameterTuningJob: async (req) => {
      const job = newHpTuningJob(emu, req.parent, isJsonObject(req.hyperparameterTuningJob) ? req.hyperparameterTuningJob : {});
      emu.store.put(HP_TUNING_JOBS, String(job.name), job);
      sim.start(String(job.name));
      return cloneJson(job);
    },
    GetHyperparameterTuningJob: async (req) => cloneJson(getJob(emu, HP_TUNING_JOBS, 'HyperparameterTuningJob', req.name)),
    ListHyperparameterTuningJobs: async (req) => listJobs(emu, HP_TUNING_JOBS, 'hyperparameterTuningJobs', req),
    CancelHyperparameterTuningJob: async (req) => {
      const job = getJob(emu, HP_TUNING_JOBS, 'HyperparameterTuningJob', req.name);
      if (TERMINAL_STATES.has(String(job.state))) {
        throw failedPrecondition(`The HyperparameterTuningJob ${String(job.name)} is in state ${String(job.state)} and cannot be cancelled.`);
      }
      sim.cancel(String(job.name));
      return {};
    },
    DeleteHyperparameterTuningJob: async (req) => deleteJob(emu, HP_TUNING_JOBS, 'HyperparameterTuningJob', req.name),
  });
  return sim;
}
