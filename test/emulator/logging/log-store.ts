import { EventEmitter } from 'node:events';
import type { Store } from '../state/store';
import { canonicalTimestamp, nowTimestamp, timestampKey } from './timestamps';

/**
 * A google.logging.v2.LogEntry in proto3 JSON form. For a custom job's container output the
 * real service writes: logName `projects/{p}/logs/workerpool0-0`, resource
 * `{type: 'ml_job', labels: {project_id, job_id: '<numeric id>', task_name: 'workerpool0-0'}}`,
 * a `severity` name, and the line as `jsonPayload.message` or `textPayload`.
 */
export interface LogEntryJson {
  logName: string;
  resource?: { type: string; labels?: Record<string, string> };
  timestamp?: string;
  receiveTimestamp?: string;
  severity?: string;
  insertId?: string;
  labels?: Record<string, string>;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
  protoPayload?: Record<string, unknown>;
  [field: string]: unknown;
}

export type LogListener = (entries: readonly LogEntryJson[]) => void;

export interface LogStore {
  /**
   * Stores the entries, filling insertId, timestamp and receiveTimestamp and writing the
   * timestamp in UTC as the API returns it; returns them as stored.
   */
  write(entries: readonly LogEntryJson[]): LogEntryJson[];
  /** Every stored entry, oldest first (timestamp, then insertId, as Cloud Logging orders ties). */
  entries(): readonly LogEntryJson[];
  /** Called with each batch after it is stored; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void;
  /** How many listeners (open tails) follow the store now. */
  subscriberCount(): number;
  /** Removes every entry of one log (DeleteLog); returns how many went. */
  deleteLog(logName: string): number;
}

const KIND = 'logging.entries';
const stores = new WeakMap<Store, LogStore>();
let insertCounter = 0;

/**
 * Lexicographic order of generated insertIds follows write order, across restarts too, so
 * entries that share a timestamp keep the order they were written in. The counter is per
 * process, so states loaded into one another never share an id.
 */
function nextInsertId(): string {
  insertCounter = (insertCounter + 1) % 36 ** 4;
  return Date.now().toString(36).padStart(9, '0') + insertCounter.toString(36).padStart(4, '0');
}

/** The one log store of an emulator state; job simulators and Cloud Build write through it. */
export function logStoreOf(store: Store): LogStore {
  let logs = stores.get(store);
  if (!logs) {
    logs = createLogStore(store);
    stores.set(store, logs);
  }
  return logs;
}

/** Sort key: fixed-width UTC timestamp, then insertId. */
function entryOrderKey(entry: LogEntryJson): string {
  return `${timestampKey(entry.timestamp ?? '') ?? ''} ${entry.insertId ?? ''}`;
}

function createLogStore(store: Store): LogStore {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const collection = store.collection<LogEntryJson>(KIND);
  let sorted: LogEntryJson[] | undefined;
  let sortedSize = 0;
  // Loading a state file or a reset changes the collection behind the store's back.
  const invalidate = () => {
    sorted = undefined;
  };
  store.events.on('reset', invalidate);
  store.events.on('loaded', invalidate);

  return {
    write(batch) {
      const receiveTimestamp = nowTimestamp();
      const stored = batch.map((entry) => {
        const full: LogEntryJson = {
          ...entry,
          insertId: entry.insertId || nextInsertId(),
          timestamp: entry.timestamp ? canonicalTimestamp(entry.timestamp) ?? entry.timestamp : receiveTimestamp,
          receiveTimestamp,
        };
        store.put(KIND, `${full.logName}/entries/${full.insertId}`, full);
        return full;
      });
      sorted = undefined;
      if (stored.length > 0) emitter.emit('entries', stored);
      return stored;
    },
    entries() {
      if (!sorted || sortedSize !== collection.size) {
        sorted = [...collection.values()]
          .map((entry) => ({ entry, key: entryOrderKey(entry) }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map(({ entry }) => entry);
        sortedSize = collection.size;
      }
      return sorted;
    },
    subscribe(listener) {
      emitter.on('entries', listener);
      return () => emitter.off('entries', listener);
    },
    subscriberCount() {
      return emitter.listenerCount('entries');
    },
    deleteLog(logName) {
      let removed = 0;
      for (const [key, entry] of collection) {
        if (entry.logName === logName && store.remove(KIND, key)) removed += 1;
      }
      sorted = undefined;
      return removed;
    },
  };
}
