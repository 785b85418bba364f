import { Store } from '../state/store';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { Faults } from './faults';
import type { HttpRoute } from './http-route';
import { Operations } from './operations';
import { Registry } from './registry';
import { Timers } from './timers';

/** How long simulated work takes. Tests use FAST_TIMINGS; the demo uses DEMO_TIMINGS. */
export interface Timings {
  /** Custom and HP tuning jobs: time spent in QUEUED, then PENDING, then RUNNING. */
  jobQueuedMs: number;
  jobPendingMs: number;
  jobRunningMs: number;
  /** Between two log lines of one replica while it runs. */
  logIntervalMs: number;
  /** One hyperparameter tuning trial. */
  trialMs: number;
  /** Long-running operations that do work: model upload, deploy, endpoint/dataset create, import, builds. */
  operationMs: number;
}

export const FAST_TIMINGS: Timings = {
  jobQueuedMs: 50,
  jobPendingMs: 50,
  jobRunningMs: 400,
  logIntervalMs: 40,
  trialMs: 150,
  operationMs: 50,
};

export const DEMO_TIMINGS: Timings = {
  jobQueuedMs: 5_000,
  jobPendingMs: 15_000,
  jobRunningMs: 120_000,
  logIntervalMs: 2_000,
  trialMs: 30_000,
  operationMs: 3_000,
};

/**
 * Everything a service module gets: `registerX(emu)` registers handlers on
 * `emu.registry` and HTTP routes with `emu.addRoute`, keeps resources in `emu.store`,
 * schedules simulated work with `emu.timers` (cleared on stop) and reads `emu.timings`.
 */
export class Emulator {
  readonly store: Store;
  readonly registry = new Registry();
  readonly faults = new Faults();
  readonly timers = new Timers();
  readonly operations: Operations;
  readonly routes: HttpRoute[] = [];
  /** Set once the server listens. */
  url = '';
  port = 0;
  private readonly stopHooks: Array<() => Promise<void> | void> = [];

  constructor(
    readonly timings: Timings = FAST_TIMINGS,
    readonly clock: Clock = systemClock,
    readonly requireAuth = false,
    store: Store = new Store(),
  ) {
    this.store = store;
    this.operations = new Operations(this.store, this.clock, this.timers);
    this.operations.register(this.registry);
  }

  /** HTTP routes are tried in the order added, before the REST gateway. */
  addRoute(route: HttpRoute): void {
    this.routes.push(route);
  }

  /** Runs at stop, after timers are cleared (close streams, flush state). */
  onStop(fn: () => Promise<void> | void): void {
    this.stopHooks.push(fn);
  }

  /** Forgets every resource and fault; simulations see their resources gone and stop. */
  reset(): void {
    this.faults.clear();
    this.store.clear();
  }

  async stop(): Promise<void> {
    this.timers.stopAll();
    for (const fn of this.stopHooks.splice(0).reverse()) await fn();
  }
}
