import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { failedPrecondition, notFound } from '../core/errors';
import type { ApiError } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';

/**
 * The life of a pipeline or job resource: PENDING, RUNNING, then SUCCEEDED (or FAILED), with
 * CANCELLING → CANCELLED on request. States are `{prefix}PENDING` etc., so one helper serves
 * both PipelineState (`PIPELINE_STATE_`) and JobState (`JOB_STATE_`).
 */
export interface Lifecycle {
  kind: string;
  prefix: 'PIPELINE_STATE_' | 'JOB_STATE_';
  /** Says what the resource is in errors, e.g. "TrainingPipeline". */
  label: string;
}

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED', 'PARTIALLY_SUCCEEDED'];

export function stateOf(resource: JsonObject, lc: Lifecycle): string {
  return String(resource.state ?? '').slice(lc.prefix.length);
}

export function isTerminal(resource: JsonObject, lc: Lifecycle): boolean {
  return TERMINAL.includes(stateOf(resource, lc));
}

export function findResource(emu: Emulator, lc: Lifecycle, name: string): JsonObject {
  const found = emu.store.collection<JsonObject>(lc.kind).get(name);
  if (!found) throw notFound(`${lc.label} \`${name}\` not found.`);
  return found;
}

function update(emu: Emulator, lc: Lifecycle, name: string, patch: (r: JsonObject) => void): JsonObject | undefined {
  const current = emu.store.collection<JsonObject>(lc.kind).get(name);
  if (!current) return undefined;
  const next = cloneJson(current);
  patch(next);
  next.updateTime = rfc3339(emu.clock.now());
  emu.store.put(lc.kind, name, next);
  return next;
}

export interface RunPlan {
  pendingMs: number;
  runningMs: number;
  /** Called when the resource starts running. */
  onRunning?: (resource: JsonObject) => void;
  /** Fills outputs on success (the resource is a copy to change in place). */
  onSucceeded?: (resource: JsonObject) => void;
  /** Ends FAILED with this error instead of succeeding. */
  failWith?: ApiError;
}

/** Moves a freshly stored PENDING resource through its states on the emulator's timers. */
export function runLifecycle(emu: Emulator, lc: Lifecycle, name: string, plan: RunPlan): void {
  const still = (state: string) => {
    const r = emu.store.collection<JsonObject>(lc.kind).get(name);
    return r !== undefined && stateOf(r, lc) === state;
  };
  emu.timers.after(plan.pendingMs, () => {
    if (!still('PENDING')) return;
    const running = update(emu, lc, name, (r) => {
      r.state = `${lc.prefix}RUNNING`;
      r.startTime = rfc3339(emu.clock.now());
    });
    if (running) plan.onRunning?.(running);
    emu.timers.after(plan.runningMs, () => {
      if (!still('RUNNING')) return;
      update(emu, lc, name, (r) => {
        r.endTime = rfc3339(emu.clock.now());
        if (plan.failWith) {
          r.state = `${lc.prefix}FAILED`;
          r.error = plan.failWith.toStatusJson();
        } else {
          r.state = `${lc.prefix}SUCCEEDED`;
          plan.onSucceeded?.(r);
        }
      });
    });
  });
}

/** CancelX: CANCELLING at once, CANCELLED shortly after; FAILED_PRECONDITION once finished. */
export function cancelLifecycle(emu: Emulator, lc: Lifecycle, name: string): void {
  const resource = findResource(emu, lc, name);
  if (isTerminal(resource, lc)) {
    throw failedPrecondition(`Cannot cancel ${lc.label} "${name}" because it is in state ${String(resource.state)}.`);
  }
  if (stateOf(resource, lc) === 'CANCELLING') return;
  update(emu, lc, name, (r) => {
    r.state = `${lc.prefix}CANCELLING`;
  });
  emu.timers.after(emu.timings.operationMs, () => {
    update(emu, lc, name, (r) => {
      r.state = `${lc.prefix}CANCELLED`;
      r.endTime = rfc3339(emu.clock.now());
      r.error = { code: 1, message: 'CANCELED' };
    });
  });
}

/** DeleteX refuses resources that are still running, as the API does. */
export function checkDeletable(emu: Emulator, lc: Lifecycle, name: string): void {
  const resource = findResource(emu, lc, name);
  if (!isTerminal(resource, lc)) {
    throw failedPrecondition(`${lc.label} "${name}" is in state ${String(resource.state)} and cannot be deleted. Cancel it and wait until it ends first.`);
  }
}
