import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { cloneJson } from '../core/json';
import type { JsonObject } from '../core/json';
import { projectId } from '../core/resource-names';
import { logStoreOf } from '../logging/log-store';
import type { LogLine } from './training-log';

export const CUSTOM_JOBS = 'customJobs';
export const HP_TUNING_JOBS = 'hyperparameterTuningJobs';

export const TERMINAL_STATES = new Set([
  'JOB_STATE_SUCCEEDED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLED',
  'JOB_STATE_EXPIRED',
  'JOB_STATE_PARTIALLY_SUCCEEDED',
]);

export const ACTIVE_STATES = new Set(['JOB_STATE_QUEUED', 'JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_CANCELLING', 'JOB_STATE_UPDATING', 'JOB_STATE_PAUSED']);

/**
 * Labels that steer a simulated job: `emulator-outcome: fail` ends it FAILED with a
 * traceback in its logs; `emulator-run-seconds: N` sets how long it runs.
 */
export const OUTCOME_LABEL = 'emulator-outcome';
export const RUN_SECONDS_LABEL = 'emulator-run-seconds';
/** Seconds a job waits in QUEUED and again in PENDING, instead of the emulator's timings. */
export const WAIT_SECONDS_LABEL = 'emulator-wait-seconds';

export function nowStamp(emu: Emulator): string {
  return rfc3339(emu.clock.now());
}

/**
 * Applies `patch` to a stored job unless it is gone (deleted, reset) or already
 * finished; sets updateTime. Returns the new job, or undefined when nothing changed.
 */
export function updateJob(emu: Emulator, kind: string, name: string, patch: (job: JsonObject) => void): JsonObject | undefined {
  const job = emu.store.collection<JsonObject>(kind).get(name);
  if (!job || TERMINAL_STATES.has(String(job.state))) return undefined;
  const next = cloneJson(job);
  patch(next);
  next.updateTime = nowStamp(emu);
  emu.store.put(kind, name, next);
  return next;
}

export function jobIdOf(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

export function projectIdOfName(emu: Emulator, name: string): string {
  return projectId(emu.store, name.split('/')[1] ?? '');
}

/**
 * Writes replica output the way custom jobs log: resource `ml_job` with the numeric
 * job id and the replica's task name, log `projects/{id}/logs/{task}`, jsonPayload.message.
 */
export function writeTaskLog(emu: Emulator, name: string, task: string, lines: LogLine[], labels?: Record<string, string>, at?: string): void {
  const project = projectIdOfName(emu, name);
  const timestamp = at ?? nowStamp(emu);
  logStoreOf(emu.store).write(
    lines.map((line) => ({
      logName: `projects/${project}/logs/${task}`,
      resource: { type: 'ml_job', labels: { job_id: jobIdOf(name), project_id: project, task_name: task } },
      severity: line.severity,
      timestamp,
      jsonPayload: { message: line.message, attrs: { tag: task } },
      ...(labels ? { labels } : {}),
    })),
  );
}

/** The service's own lines about a job (provisioning, completion), task name `service`. */
export function writeServiceLog(emu: Emulator, name: string, severity: LogLine['severity'], message: string, at?: string): void {
  const project = projectIdOfName(emu, name);
  logStoreOf(emu.store).write([
    {
      logName: `projects/${project}/logs/ml.googleapis.com%2F${jobIdOf(name)}`,
      resource: { type: 'ml_job', labels: { job_id: jobIdOf(name), project_id: project, task_name: 'service' } },
      severity,
      timestamp: at ?? nowStamp(emu),
      textPayload: message,
    },
  ]);
}

/** Run time of a job: the `emulator-run-seconds` label, else the configured timing. */
export function runMs(emu: Emulator, job: JsonObject): number {
  const labels = (job.labels ?? {}) as Record<string, unknown>;
  const secs = Number(labels[RUN_SECONDS_LABEL]);
  return Number.isFinite(secs) && secs > 0 ? secs * 1000 : emu.timings.jobRunningMs;
}

/** How long a job stays in one waiting state (QUEUED or PENDING). */
export function waitMs(job: JsonObject, timingMs: number): number {
  const labels = (job.labels ?? {}) as Record<string, unknown>;
  const secs = Number(labels[WAIT_SECONDS_LABEL]);
  return Number.isFinite(secs) && secs > 0 ? secs * 1000 : timingMs;
}

export function shouldFail(job: JsonObject): boolean {
  const labels = (job.labels ?? {}) as Record<string, unknown>;
  return labels[OUTCOME_LABEL] === 'fail';
}
