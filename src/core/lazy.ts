/**
 * A value loaded once, by whoever needs it first (the core's features bundle); concurrent callers
 * share the load. A failed load stays failed: the features may have registered part of themselves,
 * and a second attempt would register that part twice.
 */
export class Lazy<T> {
  private pending: Promise<T> | undefined;
  private value: { loaded: T } | undefined;

  constructor(private readonly load: () => T | Promise<T>) {}

  get(): Promise<T> {
    this.pending ??= Promise.resolve()
      .then(() => this.load())
      .then((loaded) => {
        this.value = { loaded };
        return loaded;
      });
    return this.pending;
  }

  /** The value if it has loaded, without starting the load. */
  current(): T | undefined {
    return this.value?.loaded;
  }
}
