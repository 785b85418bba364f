// The icon of a job state, without VS Code, so the table is unit tested.
import type { StateCategory } from '../../cloud/trainingJobTypes';

export interface StateIconSpec {
  id: string;
  color: string;
}

const BY_CATEGORY: Record<StateCategory, StateIconSpec> = {
  queued: { id: 'watch', color: 'charts.yellow' },
  pending: { id: 'clock', color: 'charts.yellow' },
  running: { id: 'loading~spin', color: 'charts.blue' },
  succeeded: { id: 'pass-filled', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  cancelling: { id: 'stop-circle', color: 'charts.orange' },
  cancelled: { id: 'circle-slash', color: 'disabledForeground' },
  paused: { id: 'debug-pause', color: 'charts.yellow' },
  unknown: { id: 'circle-outline', color: 'disabledForeground' },
};

// An expired job ran out of time rather than breaking: it counts as failed, but must not look
// like a crash.
const BY_STATE: Record<string, StateIconSpec> = {
  JOB_STATE_EXPIRED: { id: 'history', color: 'list.warningForeground' },
};

export function stateIconSpec(job: { state: string; category: StateCategory }): StateIconSpec {
  return BY_STATE[job.state] ?? BY_CATEGORY[job.category];
}
