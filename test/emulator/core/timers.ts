/** Timers owned by one emulator, so stopping it leaves nothing scheduled behind. */
export class Timers {
  private readonly live = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Runs `fn` once after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const t = setTimeout(() => {
      this.live.delete(t);
      fn();
    }, ms);
    this.live.add(t);
    return () => {
      clearTimeout(t);
      this.live.delete(t);
    };
  }

  /** Runs `fn` every `ms` until cancelled. */
  every(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const t = setInterval(fn, ms);
    this.live.add(t);
    return () => {
      clearInterval(t);
      this.live.delete(t);
    };
  }

  /** A promise that resolves after `ms`; after stop it never resolves, so simulations just halt. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(ms, resolve);
    });
  }

  stopAll(): void {
    this.stopped = true;
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }
}
