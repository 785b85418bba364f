/** One page of a list call, as the cloud/ layer returns it. */
export interface PageOf<T> {
  items: T[];
  nextPageToken?: string;
}

export type PageLoader<T> = (pageToken: string | undefined) => Promise<PageOf<T>>;

/**
 * The items loaded so far of one paged list (newest first is the API's `orderBy`), and
 * whether a "Load more…" node should follow them. Concurrent loads share one request.
 */
export class Pager<T> {
  private loaded: T[] = [];
  private token: string | undefined;
  private started = false;
  private pending: Promise<void> | undefined;
  private generation = 0;

  constructor(private readonly load: PageLoader<T>) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  get hasMore(): boolean {
    return this.started && this.token !== undefined;
  }

  get isLoaded(): boolean {
    return this.started;
  }

  /** Loads the first page unless it is loaded already. */
  first(): Promise<void> {
    if (this.started) return Promise.resolve();
    return this.fetch();
  }

  /** Loads the next page; nothing to do when there is none. */
  more(): Promise<void> {
    if (!this.started) return this.fetch();
    if (this.token === undefined) return Promise.resolve();
    return this.fetch();
  }

  /** Forgets everything; the next first() starts over. */
  reset(): void {
    this.loaded = [];
    this.token = undefined;
    this.started = false;
    this.pending = undefined;
    this.generation++;
  }

  remove(match: (item: T) => boolean): void {
    this.loaded = this.loaded.filter((item) => !match(item));
  }

  replace(match: (item: T) => boolean, next: T): void {
    this.loaded = this.loaded.map((item) => (match(item) ? next : item));
  }

  private fetch(): Promise<void> {
    if (this.pending) return this.pending;
    // A reset() while this fetch runs starts a new one; only this fetch may clear itself.
    const fetching = this.fetchPage().finally(() => {
      if (this.pending === fetching) this.pending = undefined;
    });
    this.pending = fetching;
    return fetching;
  }

  private async fetchPage(): Promise<void> {
    const generation = this.generation;
    const page = await this.load(this.started ? this.token : undefined);
    // A reset while the request was out makes its answer stale.
    if (generation !== this.generation) return;
    this.loaded = this.started ? [...this.loaded, ...page.items] : [...page.items];
    this.token = page.nextPageToken || undefined;
    this.started = true;
  }
}
