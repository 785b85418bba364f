import type { LogRecord } from '../cloud/logging';

/**
 * Where a follower is in a job's log, and which entries it has shown. Cloud Logging treats two
 * entries with the same timestamp and insertId as one, so that pair is the identity. The
 * position is the newest (timestamp, insertId) shown; reads resume a lookback window before it,
 * so entries that arrive late are still found, and the ones already shown are dropped here.
 */
export class LogCursor {
  private newest: { timestamp: string; insertId: string } | undefined;
  private readonly seen = new Map<string, string>();

  /** True, and remembered, the first time an entry is offered. */
  accept(record: LogRecord): boolean {
    const key = `${record.timestamp}\u0000${record.insertId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, record.timestamp);
    const n = this.newest;
    if (!n || record.timestamp > n.timestamp || (record.timestamp === n.timestamp && record.insertId > n.insertId)) {
      this.newest = { timestamp: record.timestamp, insertId: record.insertId };
    }
    return true;
  }

  /** The entries not shown before, in the order given. */
  acceptAll(records: readonly LogRecord[]): LogRecord[] {
    return records.filter((r) => this.accept(r));
  }

  get position(): { timestamp: string; insertId: string } | undefined {
    return this.newest ? { ...this.newest } : undefined;
  }

  get remembered(): number {
    return this.seen.size;
  }

  /** Where to resume reading: `lookbackMs` before the newest entry shown, or undefined from the start. */
  resumeFrom(lookbackMs: number): string | undefined {
    if (!this.newest) return undefined;
    return shiftTimestamp(this.newest.timestamp, -lookbackMs);
  }

  /** Forgets entries older than `timestamp`: no read that starts at or after it can return them. */
  forgetBefore(timestamp: string): void {
    for (const [key, ts] of this.seen) {
      if (ts < timestamp) this.seen.delete(key);
    }
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
