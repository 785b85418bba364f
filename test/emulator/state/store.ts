import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

/**
 * The emulator's one in-memory state, shared by every service and both transports.
 * Resources are stored in their proto3 JSON form (camelCase, enum names, int64 as
 * strings, RFC3339 timestamps), keyed by resource name, one collection per kind
 * (e.g. 'customJobs', 'models', 'storage.objects'). Collections whose values are not
 * JSON (object bytes) register a codec so `--state FILE` can persist them.
 */
export interface Codec<T> {
  encode(value: T): unknown;
  decode(json: unknown): T;
}

export class Store {
  /** 'changed' (kind, name), 'deleted' (kind, name), 'reset', 'loaded' (after a state file); services may emit their own. */
  readonly events = new EventEmitter();
  private readonly collections = new Map<string, Map<string, unknown>>();
  private readonly codecs = new Map<string, Codec<unknown>>();
  private idCounter = 0;

  constructor() {
    this.events.setMaxListeners(0);
  }

  collection<T>(kind: string): Map<string, T> {
    let c = this.collections.get(kind);
    if (!c) {
      c = new Map();
      this.collections.set(kind, c);
    }
    return c as Map<string, T>;
  }

  registerCodec<T>(kind: string, codec: Codec<T>): void {
    this.codecs.set(kind, codec as Codec<unknown>);
  }

  put<T>(kind: string, name: string, value: T): T {
    this.collection<T>(kind).set(name, value);
    this.events.emit('changed', kind, name);
    return value;
  }

  remove(kind: string, name: string): boolean {
    const removed = this.collection(kind).delete(name);
    if (removed) this.events.emit('deleted', kind, name);
    return removed;
  }

  /** Numeric ids shaped like Vertex AI's (up to 19 digits), unique and increasing within a run. */
  nextId(): string {
    this.idCounter += 1;
    return String(1_000_000_000_000_000_000n + BigInt(Date.now() % 1_000_000_000) * 1_000_000n + BigInt(this.idCounter));
  }

  /** Empties every collection (the control API's reset); codecs stay registered. Emits 'reset'. */
  clear(): void {
    for (const c of this.collections.values()) c.clear();
    this.events.emit('reset');
  }

  save(path: string): void {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [kind, c] of this.collections) {
      const codec = this.codecs.get(kind);
      const entries: Record<string, unknown> = {};
      for (const [name, value] of c) entries[name] = codec ? codec.encode(value) : value;
      out[kind] = entries;
    }
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, idCounter: this.idCounter, collections: out }));
    renameSync(tmp, path);
  }

  load(path: string): void {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as {
      idCounter?: number;
      collections?: Record<string, Record<string, unknown>>;
    };
    this.idCounter = Math.max(this.idCounter, parsed.idCounter ?? 0);
    for (const [kind, entries] of Object.entries(parsed.collections ?? {})) {
      const codec = this.codecs.get(kind);
      const c = this.collection(kind);
      for (const [name, value] of Object.entries(entries)) c.set(name, codec ? codec.decode(value) : value);
    }
  }
}
