// Polls while the view is visible and something in it can still change, backing off while
// nothing changes (the vscode-docker RefreshManager idea). No VS Code API, so it is unit tested.

export type PollOutcome = 'changed' | 'unchanged' | 'idle';

export interface PollerOptions {
  minMs: number;
  maxMs: number;
  factor: number;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const DEFAULT_POLLING: PollerOptions = { minMs: 5_000, maxMs: 60_000, factor: 2 };

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class BackoffPoller {
  private visible = false;
  private idle = true;
  private delay: number;
  private timer: unknown;
  private dueAt = 0;
  private running = false;
  private kickedWhileRunning = false;
  private disposed = false;

  /** `tick` reports 'idle' when nothing left can change: polling then waits for kick(). */
  constructor(
    private readonly tick: () => Promise<PollOutcome>,
    private readonly options: PollerOptions = DEFAULT_POLLING,
    private readonly timers: Timers = realTimers,
  ) {
    this.delay = options.minMs;
  }

  /** The next interval, for tests and logs. */
  get nextDelayMs(): number {
    return this.delay;
  }

  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.delay = this.options.minMs;
      this.schedule();
    } else {
      this.cancel();
    }
  }

  /** Something may change soon (new data with running items, an action): poll quickly again. */
  kick(): void {
    this.idle = false;
    this.delay = this.options.minMs;
    if (this.running) this.kickedWhileRunning = true;
    // Repeated kicks must not keep postponing a poll that is already due soon.
    if (this.timer !== undefined && this.dueAt <= this.timers.now() + this.options.minMs) return;
    this.cancel();
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private schedule(): void {
    if (this.disposed || !this.visible || this.idle || this.running || this.timer !== undefined) return;
    this.dueAt = this.timers.now() + this.delay;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.delay);
  }

  private async run(): Promise<void> {
    this.running = true;
    let outcome: PollOutcome;
    try {
      outcome = await this.tick();
    } catch {
      outcome = 'unchanged';
    }
    this.running = false;
    if (this.kickedWhileRunning) {
      this.kickedWhileRunning = false;
      outcome = 'changed';
    }
    if (outcome === 'idle') {
      this.idle = true;
      return;
    }
    this.delay = outcome === 'changed' ? this.options.minMs : Math.min(this.delay * this.options.factor, this.options.maxMs);
    this.schedule();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
