import { parseRfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';
import { getBucket, parseGsUri, putObject } from '../storage/objects';
import {
  CUSTOM_JOBS, jobIdOf, nowStamp, projectIdOfName, runMs, shouldFail, TERMINAL_STATES, updateJob, waitMs, writeServiceLog, writeTaskLog,
} from './job-store';
import { taskNames } from './job-spec';
import { failureLines, failureStatus, modelFiles, trainingLine } from './training-log';

/**
 * Moves stored custom jobs through QUEUED → PENDING → RUNNING → SUCCEEDED/FAILED on the
 * emulator's timers, writing each replica's log lines while it runs. Everything it knows
 * lives in the stored job, so a job loaded from a state file picks up where it was.
 */
export class CustomJobSimulator {
  private readonly pending = new Map<string, Array<() => void>>();

  constructor(private readonly emu: Emulator) {
    emu.store.events.on('reset', () => this.stopAll());
    emu.store.events.on('deleted', (kind: string, name: string) => {
      if (kind === CUSTOM_JOBS) this.stop(name);
    });
  }

  /** Drives a job from whatever non-terminal state it is in. */
  start(name: string): void {
    this.stop(name);
    const job = this.job(name);
    if (!job || TERMINAL_STATES.has(String(job.state))) return;
    const t = this.emu.timings;
    switch (job.state) {
      case 'JOB_STATE_QUEUED':
        this.later(name, waitMs(job, t.jobQueuedMs), () => {
          if (updateJob(this.emu, CUSTOM_JOBS, name, (j) => (j.state = 'JOB_STATE_PENDING'))) {
            writeServiceLog(this.emu, name, 'INFO', 'Waiting for job to be provisioned.');
            this.start(name);
          }
        });
        break;
      case 'JOB_STATE_PENDING':
        this.later(name, waitMs(job, t.jobPendingMs), () => {
          const now = nowStamp(this.emu);
          if (updateJob(this.emu, CUSTOM_JOBS, name, (j) => Object.assign(j, { state: 'JOB_STATE_RUNNING', startTime: now }))) {
            writeServiceLog(this.emu, name, 'INFO', 'Waiting for training program to start.');
            this.start(name);
          }
        });
        break;
      case 'JOB_STATE_RUNNING':
        this.run(name, job);
        break;
      case 'JOB_STATE_CANCELLING':
        this.later(name, Math.min(t.jobPendingMs, 1_000), () => this.finishCancel(name));
        break;
      default:
        break;
    }
  }

  /** CANCELLING at once, CANCELLED shortly after, as the service does. */
  cancel(name: string): void {
    this.stop(name);
    if (updateJob(this.emu, CUSTOM_JOBS, name, (j) => (j.state = 'JOB_STATE_CANCELLING'))) this.start(name);
  }

  /** Restarts every unfinished job (after a state file was loaded). */
  resumeAll(): void {
    for (const [name, job] of this.emu.store.collection<JsonObject>(CUSTOM_JOBS)) {
      if (!TERMINAL_STATES.has(String(job.state))) this.start(name);
    }
  }

  private run(name: string, job: JsonObject): void {
    const spec = isJsonObject(job.jobSpec) ? job.jobSpec : {};
    const tasks = taskNames(spec);
    const started = parseRfc3339(String(job.startTime ?? '')) ?? this.emu.clock.now().getTime();
    const elapsed = this.emu.clock.now().getTime() - started;
    const remaining = Math.max(0, runMs(this.emu, job) - elapsed);
    let tick = Math.floor(elapsed / Math.max(1, this.emu.timings.logIntervalMs));
    const jobId = jobIdOf(name);
    const writeTick = () => {
      for (const task of tasks) writeTaskLog(this.emu, name, task, [trainingLine(jobId, spec, task, tick)]);
      tick += 1;
    };
    writeTick();
    this.track(name, this.emu.timers.every(this.emu.timings.logIntervalMs, writeTick));
    this.later(name, remaining, () => {
      this.stop(name);
      if (shouldFail(job)) this.fail(name);
      else this.succeed(name, spec);
    });
  }

  private fail(name: string): void {
    writeTaskLog(this.emu, name, 'workerpool0-0', failureLines());
    const error = failureStatus(projectIdOfName(this.emu, name), jobIdOf(name));
    const now = nowStamp(this.emu);
    if (updateJob(this.emu, CUSTOM_JOBS, name, (j) => Object.assign(j, { state: 'JOB_STATE_FAILED', endTime: now, error }))) {
      writeServiceLog(this.emu, name, 'ERROR', 'Job failed. The replica workerpool0-0 exited with a non-zero status of 1.');
    }
  }

  private succeed(name: string, spec: JsonObject): void {
    const base = isJsonObject(spec.baseOutputDirectory) ? String(spec.baseOutputDirectory.outputUriPrefix ?? '') : '';
    const target = base ? parseGsUri(base) : undefined;
    if (target) {
      if (getBucket(this.emu.store, target.bucket)) {
        const dir = `${target.name.replace(/\/?$/, '/')}model/`.replace(/^\//, '');
        for (const f of modelFiles(spec)) putObject(this.emu.store, target.bucket, `${dir}${f.name}`, f.data, { contentType: f.contentType });
        writeTaskLog(this.emu, name, 'workerpool0-0', [{ severity: 'INFO', message: `Model saved to gs://${target.bucket}/${dir}` }]);
      } else {
        writeTaskLog(this.emu, name, 'workerpool0-0', [
          { severity: 'WARNING', message: `No model written: bucket ${target.bucket} does not exist in the emulator's storage.` },
        ]);
      }
    }
    const now = nowStamp(this.emu);
    if (updateJob(this.emu, CUSTOM_JOBS, name, (j) => Object.assign(j, { state: 'JOB_STATE_SUCCEEDED', endTime: now }))) {
      writeServiceLog(this.emu, name, 'INFO', 'Job completed successfully.');
    }
  }

  private finishCancel(name: string): void {
    const now = nowStamp(this.emu);
    const done = updateJob(this.emu, CUSTOM_JOBS, name, (j) => {
      Object.assign(j, { state: 'JOB_STATE_CANCELLED', endTime: now, error: { code: 1, message: 'CANCELED' } });
    });
    if (done) writeServiceLog(this.emu, name, 'INFO', 'Job was cancelled.');
  }

  private job(name: string): JsonObject | undefined {
    return this.emu.store.collection<JsonObject>(CUSTOM_JOBS).get(name);
  }

  private later(name: string, ms: number, fn: () => void): void {
    this.track(name, this.emu.timers.after(ms, fn));
  }

  private track(name: string, cancel: () => void): void {
    const list = this.pending.get(name) ?? [];
    list.push(cancel);
    this.pending.set(name, list);
  }

  private stop(name: string): void {
    for (const cancel of this.pending.get(name) ?? []) cancel();
    this.pending.delete(name);
  }

  private stopAll(): void {
    for (const name of [...this.pending.keys()]) this.stop(name);
  }
}
