import type { LogRecord } from '../cloud/logging';

/**
 * Where a follower is in a job's log, and which entries it has shown. Cloud Logging treats two
 * entries with the same timestamp and insertId as one, so that pair is the identity. The
 * position is the newest (timestamp, insertId) shown; reads resume a lookback window before it,
 * so entries that arrive late are still found, and the ones already shown are dropped here.
 *
 * Entries nearly always come in (timestamp, insertId) order, and one newer than the newest shown
 * cannot have been shown: those are kept in two arrays, in order, found again by binary search,
 * with no key built or hashed per entry. Only entries that come out of order go into a map.
 */
export class LogCursor {
  /** The newest entry shown; undefined before the first. */
  private newestTimestamp: string | undefined;
  private newestInsertId = '';
  /** Entries shown that were the newest when they came, ascending; those before `head` are forgotten. */
  private timestamps: string[] = [];
  private insertIds: string[] = [];
  private head = 0;
  /** Entries shown that came older than the newest, by `${timestamp}\0${insertId}`, with their timestamp. */
  private readonly late = new Map<string, string>();

  /** True, and remembered, the first time an entry is offered. */
  accept(record: LogRecord): boolean {
    const { timestamp, insertId } = record;
    const newest = this.newestTimestamp;
    if (newest === undefined || timestamp > newest || (timestamp === newest && insertId > this.newestInsertId)) {
      this.timestamps.push(timestamp);
      this.insertIds.push(insertId);
      this.newestTimestamp = timestamp;
      this.newestInsertId = insertId;
      return true;
    }
    if (this.inOrder(timestamp, insertId)) return false;
    const key = `${timestamp}\u0000${insertId}`;
    if (this.late.has(key)) return false;
    this.late.set(key, timestamp);
    return true;
  }

  /** The entries not shown before, in the order given. */
  acceptAll(records: readonly LogRecord[]): LogRecord[] {
    const fresh: LogRecord[] = [];
    for (const record of records) if (this.accept(record)) fresh.push(record);
    return fresh;
  }

  get position(): { timestamp: string; insertId: string } | undefined {
    return this.newestTimestamp === undefined ? undefined : { timestamp: this.newestTimestamp, insertId: this.newestInsertId };
  }

  get remembered(): number {
    return this.timestamps.length - this.head + this.late.size;
  }

  /** Where to resume reading: `lookbackMs` before the newest entry shown, or undefined from the start. */
  resumeFrom(lookbackMs: number): string | undefined {
    return this.newestTimestamp === undefined ? undefined : shiftTimestamp(this.newestTimestamp, -lookbackMs);
  }

  /** Forgets entries older than `timestamp`: no read that starts at or after it can return them. */
  forgetBefore(timestamp: string): void {
    const { timestamps } = this;
    while (this.head < timestamps.length && (timestamps[this.head] as string) < timestamp) this.head++;
    // Dropping the forgotten prefix copies what is left; doing it only once it is most of the
    // arrays keeps that linear overall.
    if (this.head > 1024 && this.head * 2 > timestamps.length) {
      this.timestamps = timestamps.slice(this.head);
      this.insertIds = this.insertIds.slice(this.head);
      this.head = 0;
    }
    for (const [key, ts] of this.late) {
      if (ts < timestamp) this.late.delete(key);
    }
  }

  private inOrder(timestamp: string, insertId: string): boolean {
    const { timestamps, insertIds } = this;
    let lo = this.head;
    let hi = timestamps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const ts = timestamps[mid] as string;
      const id = insertIds[mid] as string;
      if (ts === timestamp && id === insertId) return true;
      if (ts < timestamp || (ts === timestamp && id < insertId)) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** A fixed-width RFC3339 timestamp moved by `ms`, keeping its sub-millisecond digits. */
export function shiftTimestamp(timestamp: string, ms: number): string {
  const base = Date.parse(`${timestamp.slice(0, 23)}Z`);
  if (Number.isNaN(base)) return timestamp;
  return `${new Date(base + ms).toISOString().slice(0, 23)}${timestamp.slice(23, 29).padEnd(6, '0')}Z`;
}

export function timestampOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}
