/** How long one slice of work may run before the event loop gets a turn. */
const SLICE_MS = 4;
/** Items handed over at a time; the clock is read between chunks. */
const CHUNK = 64;

/**
 * Work on items that arrive in bursts (a log tail can deliver tens of thousands of entries in a
 * few responses), done in order in slices of a few milliseconds with a `setImmediate` between
 * them, so the extension host's event loop (input, rendering messages, I/O) never waits long.
 */
export class SlicedQueue<T> {
  private readonly batches: (readonly T[])[] = [];
  /** Position in the first batch. */
  private offset = 0;
  private running: Promise<void> | undefined;
  private error: { value: unknown } | undefined;
  private rejectFailed: (error: unknown) => void = () => undefined;
  /** Rejects with the first error `handle` throws; the queue does nothing more after it. */
  readonly failed: Promise<never>;

  constructor(
    private readonly handle: (items: readonly T[]) => void,
    private readonly sliceMs = SLICE_MS,
  ) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    // Nobody need be waiting on it: settled() reports the error too.
    this.failed.catch(() => undefined);
  }

  get pending(): number {
    let n = 0;
    for (const batch of this.batches) n += batch.length;
    return n - this.offset;
  }

  push(items: readonly T[]): void {
    if (items.length === 0 || this.error) return;
    this.batches.push(items);
    this.running ??= this.run().finally(() => (this.running = undefined));
  }

  /** Resolves once everything pushed so far has been handled; rejects if handling failed. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
    if (this.error) throw this.error.value;
  }

  /** Drops what has not been handled yet. */
  clear(): void {
    this.batches.length = 0;
    this.offset = 0;
  }

  private async run(): Promise<void> {
    // Handling starts on a later turn: the caller (a stream's data handler) returns at once.
    await yieldTurn();
    while (this.batches.length > 0) {
      const start = performance.now();
      do {
        const batch = this.batches[0] as readonly T[];
        const end = Math.min(batch.length, this.offset + CHUNK);
        const chunk = batch.slice(this.offset, end);
        if (end === batch.length) {
          this.batches.shift();
          this.offset = 0;
        } else {
          this.offset = end;
        }
        try {
          this.handle(chunk);
        } catch (error) {
          this.error = { value: error };
          this.clear();
          this.rejectFailed(error);
          return;
        }
      } while (this.batches.length > 0 && performance.now() - start < this.sliceMs);
      if (this.batches.length > 0) await yieldTurn();
    }
  }
}

const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
