import { toApiError } from '../cloud/apiErrors';
import type { LogReader, LogRecord, RawLogEntry } from '../cloud/logging';
import { jobLogFilter, toLogRecord } from '../cloud/logging';
import type { JobRef, JobStatus } from './job-status';
import { isTerminal } from './job-status';
import { LogCursor, timestampOf } from './log-cursor';
import { SlicedQueue } from './sliced-queue';
import { aborted, sleep } from './wait';

export interface FollowTimings {
  /** entries.list page size; 1000 is the API's maximum. */
  pageSize: number;
  /** Every read after the first starts this far before the newest entry shown, for entries that arrive late. */
  lookbackMs: number;
  /** After the job's endTime, how long to wait for its last entries before the final read. */
  graceMs: number;
  statePollMinMs: number;
  statePollMaxMs: number;
  /** Between two reads when polling instead of tailing. */
  pollIntervalMs: number;
  /** How long a new tail gets to start on the server before the read that closes the gap behind it. */
  tailSettleMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Tails in a row that fail without delivering anything before falling back to polling. */
  maxTailFailures: number;
}

/**
 * Against Google. entries.list has a quota of 60 reads a minute per project, shared with the
 * console and gcloud, so polling stays well under it.
 */
export const REMOTE_TIMINGS: FollowTimings = {
  pageSize: 1000,
  lookbackMs: 10_000,
  graceMs: 15_000,
  statePollMinMs: 2_000,
  statePollMaxMs: 30_000,
  pollIntervalMs: 10_000,
  tailSettleMs: 1_000,
  reconnectMinMs: 500,
  reconnectMaxMs: 15_000,
  maxTailFailures: 3,
};

/** Against a local emulator, where nothing is rationed and every entry is in at once. */
export const LOCAL_TIMINGS: FollowTimings = {
  ...REMOTE_TIMINGS,
  graceMs: 1_000,
  statePollMinMs: 250,
  statePollMaxMs: 2_000,
  pollIntervalMs: 500,
  tailSettleMs: 50,
  reconnectMinMs: 100,
  reconnectMaxMs: 1_000,
};

export type FollowMode = 'history' | 'tail' | 'poll';

export interface FollowerEvents {
  /** Entries not shown before, in the order to show them. */
  records(records: LogRecord[]): void;
  /** The job's state, first as found and then on every change. */
  state(status: JobStatus, previous: JobStatus | undefined): void;
  mode(mode: FollowMode): void;
  /** For the extension's own log: reconnects, falling back to polling. */
  diagnostic(message: string): void;
}

export interface FollowerOptions {
  job: JobRef;
  /** Only this replica's entries (`workerpool0-1`), or every replica's. */
  replica?: string;
  reader: LogReader;
  jobStatus: () => Promise<JobStatus>;
  events: FollowerEvents;
  timings?: Partial<FollowTimings>;
}

export type FollowOutcome = { kind: 'finished'; status: JobStatus } | { kind: 'stopped' } | { kind: 'failed'; error: unknown };

const MAX_REMEMBERED = 20_000;

const FATAL = new Set(['INVALID_ARGUMENT', 'NOT_FOUND', 'PERMISSION_DENIED', 'UNAUTHENTICATED', 'FAILED_PRECONDITION', 'OUT_OF_RANGE']);

/** Transient unless the API said the request itself cannot succeed. */
function isFatal(err: unknown): boolean {
  const api = toApiError(err);
  return api !== undefined && FATAL.has(api.status);
}

function describe(err: unknown): string {
  const api = toApiError(err);
  if (api) return `${api.status}: ${api.message}`;
  return err === undefined ? 'the server closed it' : err instanceof Error ? err.message : String(err);
}

/**
 * Follows one job's log: its history in pages, then live through TailLogEntries, or by polling
 * entries.list where there is no tail. A dropped tail reconnects and re-reads from just before
 * the newest entry shown, so nothing is lost and the cursor drops what was already shown. The
 * job's state is polled alongside; once the job has ended, a last read after a grace period
 * picks up its final entries. Entries read or received only join a queue; converting, dropping
 * the ones shown before and showing them happens in slices of a few milliseconds, in order.
 */
export class LogFollower {
  private readonly timings: FollowTimings;
  private readonly cursor = new LogCursor();
  private readonly queue = new SlicedQueue<RawLogEntry>((entries) => this.emit(entries.map(toLogRecord)));
  private readonly filter: string;
  private readonly stopper = new AbortController();
  /** Aborted once the job has ended and the grace period has passed. */
  private readonly finishing = new AbortController();
  private readonly done = new AbortController();
  private kick = new AbortController();
  private pruneAt = MAX_REMEMBERED;
  private startBound: string | undefined;
  private status: JobStatus | undefined;

  constructor(private readonly options: FollowerOptions) {
    this.timings = { ...REMOTE_TIMINGS, ...options.timings };
    this.filter = jobLogFilter(options.job.id, options.replica);
  }

  stop(): void {
    this.stopper.abort();
    this.queue.clear();
  }

  get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  async run(): Promise<FollowOutcome> {
    const { events, reader } = this.options;
    try {
      this.setStatus(await this.options.jobStatus());
      const status = this.status as JobStatus;
      // Bounds the first read, which Cloud Logging then answers without scanning older entries.
      if (status.createTime !== undefined) this.startBound = timestampOf(status.createTime - 60_000);
      events.mode('history');
      if (!isTerminal(status.state)) {
        const watcher = this.watchState();
        try {
          if (reader.canTail) await this.followTail();
          else await this.poll();
        } finally {
          this.done.abort();
          await watcher;
        }
      } else if (status.endTime !== undefined && Date.now() < status.endTime + this.timings.graceMs) {
        // Ended just now: show what is in, then read once more when the last entries should be.
        await this.catchUp();
        await sleep(status.endTime + this.timings.graceMs - Date.now(), this.stopper.signal);
      }
      if (!this.stopped) await this.catchUp();
      return this.stopped ? { kind: 'stopped' } : { kind: 'finished', status: this.status as JobStatus };
    } catch (error) {
      return this.stopped ? { kind: 'stopped' } : { kind: 'failed', error };
    } finally {
      this.done.abort();
    }
  }

  private get ending(): boolean {
    return this.stopped || this.finishing.signal.aborted;
  }

  private setStatus(status: JobStatus): void {
    const previous = this.status;
    this.status = status;
    if (!previous || previous.state !== status.state) this.options.events.state(status, previous);
  }

  private emit(records: readonly LogRecord[]): void {
    if (this.stopped) return;
    const fresh = this.cursor.acceptAll(records);
    if (fresh.length === 0) return;
    // A long live tail would remember every entry; the next read starts a lookback before the
    // newest, so what is older than two lookbacks can never come back.
    if (this.cursor.remembered > this.pruneAt) {
      this.cursor.forgetBefore(this.cursor.resumeFrom(2 * this.timings.lookbackMs) ?? '');
      this.pruneAt = Math.max(MAX_REMEMBERED, 2 * this.cursor.remembered);
    }
    this.options.events.records(fresh);
    // The service's own lines ("Job completed successfully.") mean the state is about to change.
    if (fresh.some((r) => r.task === 'service')) this.kick.abort();
  }

  /** Reads everything from just before the newest entry shown (or from the start) to now, page by page. */
  private async catchUp(): Promise<void> {
    // The cursor must have taken in everything received before it says where to resume.
    await this.queue.settled();
    const from = this.cursor.resumeFrom(this.timings.lookbackMs) ?? this.startBound;
    if (from) this.cursor.forgetBefore(from);
    const filter = from ? `${this.filter} AND timestamp>="${from}"` : this.filter;
    let pageToken: string | undefined;
    do {
      const page = await this.options.reader.list({ filter, orderBy: 'timestamp asc', pageSize: this.timings.pageSize, pageToken });
      this.queue.push(page.entries);
      await this.queue.settled();
      pageToken = page.nextPageToken;
    } while (pageToken && !this.stopped);
  }

  private async followTail(): Promise<void> {
    let failures = 0;
    let delay = this.timings.reconnectMinMs;
    while (!this.ending) {
      const session = await this.tailSession();
      if (session.error === 'ending') return;
      if (isFatal(session.error)) throw session.error;
      if (toApiError(session.error)?.status === 'UNIMPLEMENTED') failures = this.timings.maxTailFailures;
      else failures = session.received > 0 ? 1 : failures + 1;
      if (failures >= this.timings.maxTailFailures) {
        this.options.events.diagnostic(`The live log tail failed ${failures} time(s) (${describe(session.error)}); polling every ${this.timings.pollIntervalMs / 1000} s instead.`);
        return this.poll();
      }
      if (session.received > 0) delay = this.timings.reconnectMinMs;
      this.options.events.diagnostic(`The live log tail ended (${describe(session.error)}); reconnecting in ${delay} ms.`);
      await sleep(delay, this.stopper.signal, this.finishing.signal);
      delay = Math.min(delay * 2, this.timings.reconnectMaxMs);
    }
  }

  /**
   * One tail stream. The tail sends only entries that arrive after it starts, so once it has had
   * time to start, a read from the cursor closes the gap behind it; what the tail delivers
   * meanwhile waits, to keep the order, and the cursor drops what both returned.
   */
  private async tailSession(): Promise<{ error?: unknown; received: number }> {
    let live = false;
    let received = 0;
    const waiting: (readonly RawLogEntry[])[] = [];
    let end: (error: unknown) => void = () => undefined;
    const ended = new Promise<{ error: unknown }>((resolve) => (end = (error) => resolve({ error })));
    const handle = this.options.reader.tail(this.filter, {
      entries: (entries) => {
        received += entries.length;
        if (live) this.queue.push(entries);
        else waiting.push(entries);
      },
      ended: (error) => end(error),
    });
    try {
      await sleep(this.timings.tailSettleMs, this.stopper.signal, this.finishing.signal);
      if (this.ending) return { error: 'ending', received };
      try {
        await this.catchUp();
      } catch (error) {
        return { error, received };
      }
      live = true;
      for (const entries of waiting.splice(0)) this.queue.push(entries);
      this.options.events.mode('tail');
      const outcome = await Promise.race([ended, this.queue.failed, aborted(this.stopper.signal).then(() => ({ error: 'ending' })), aborted(this.finishing.signal).then(() => ({ error: 'ending' }))]);
      return { error: outcome.error, received };
    } finally {
      handle.cancel();
    }
  }

  private async poll(): Promise<void> {
    this.options.events.mode('poll');
    let delay = this.timings.pollIntervalMs;
    while (!this.ending) {
      try {
        await this.catchUp();
        delay = this.timings.pollIntervalMs;
      } catch (error) {
        if (isFatal(error)) throw error;
        delay = Math.min(delay * 2, Math.max(this.timings.pollIntervalMs * 6, 60_000));
        this.options.events.diagnostic(`Reading the job's log failed (${describe(error)}); retrying in ${delay / 1000} s.`);
      }
      await sleep(delay, this.stopper.signal, this.finishing.signal);
    }
  }

  /** Polls the job's state, backing off while it stays the same; arms `finishing` once it has ended. */
  private async watchState(): Promise<void> {
    let delay = this.timings.statePollMinMs;
    while (!this.done.signal.aborted) {
      await sleep(delay, this.done.signal, this.kick.signal);
      if (this.kick.signal.aborted) {
        this.kick = new AbortController();
        delay = this.timings.statePollMinMs;
      }
      if (this.done.signal.aborted) return;
      let status: JobStatus;
      try {
        status = await this.options.jobStatus();
      } catch (error) {
        this.options.events.diagnostic(`Checking the job's state failed (${describe(error)}).`);
        delay = Math.min(delay * 2, this.timings.statePollMaxMs);
        continue;
      }
      const changed = status.state !== this.status?.state;
      this.setStatus(status);
      delay = changed ? this.timings.statePollMinMs : Math.min(Math.round(delay * 1.5), this.timings.statePollMaxMs);
      if (isTerminal(status.state)) {
        const deadline = (status.endTime ?? Date.now()) + this.timings.graceMs;
        await sleep(deadline - Date.now(), this.done.signal);
        this.finishing.abort();
        return;
      }
    }
  }
}
