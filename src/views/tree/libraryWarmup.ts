// The Google client library takes about half a second to load and blocks while it does. A view's
// first page can come without it (over fetch); the load then waits until those pages are in,
// so it never delays a first paint. Everything else waits for the load, as it would anyway.

export interface WarmupOptions {
  /** How long callers may start first pages before the load begins. */
  graceMs: number;
  /** The longest the load waits for first pages in flight. */
  maxWaitMs: number;
}

export const DEFAULT_WARMUP: WarmupOptions = { graceMs: 30, maxWaitMs: 3_000 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class LibraryWarmup {
  private warm = false;
  private warming: Promise<void> | undefined;
  private readonly firstPages = new Set<Promise<unknown>>();

  constructor(
    private readonly load: () => void,
    private readonly options: WarmupOptions = DEFAULT_WARMUP,
  ) {}

  get isWarm(): boolean {
    return this.warm;
  }

  /** A first page fetched without the library: the load waits for it, then starts. */
  firstPage<T>(page: Promise<T>): Promise<T> {
    this.firstPages.add(page);
    const done = (): void => {
      this.firstPages.delete(page);
    };
    page.then(done, done);
    void this.ready().catch(() => undefined);
    return page;
  }

  /** Resolves once the library is loaded; rejects with why it could not be (a later call retries). */
  ready(): Promise<void> {
    if (this.warm) return Promise.resolve();
    this.warming ??= this.run().catch((err: unknown) => {
      this.warming = undefined;
      throw err;
    });
    return this.warming;
  }

  private async run(): Promise<void> {
    await sleep(this.options.graceMs);
    await Promise.race([Promise.allSettled([...this.firstPages]), sleep(this.options.maxWaitMs)]);
    // One more turn, so the pages' results reach the workbench before the load blocks.
    await sleep(0);
    this.load();
    this.warm = true;
  }
}
