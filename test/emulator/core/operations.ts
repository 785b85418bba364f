import type { Store } from '../state/store';
import type { Clock } from './clock';
import { rfc3339 } from './clock';
import { ApiError, Code, notFound, toApiError } from './errors';
import type { JsonObject } from './json';
import { cloneJson } from './json';
import { compileFilter } from './list-filter';
import { paginate, withNextPage } from './paging';
import type { Registry } from './registry';
import type { Timers } from './timers';

const KIND = 'operations';
const TYPE = 'type.googleapis.com/';

/** `{"@type": ".../google.protobuf.Empty"}`, the response of delete-like operations. */
export const EMPTY_RESPONSE: JsonObject = { '@type': `${TYPE}google.protobuf.Empty` };

/** Packs a message into an Any in proto3 JSON form. `typeName` like `google.cloud.aiplatform.v1.Model`. */
export function packAny(typeName: string, message: JsonObject): JsonObject {
  return { '@type': `${TYPE}${typeName}`, ...message };
}

export interface OperationHandle {
  readonly name: string;
  /** The operation as the API returns it, a copy. */
  json(): JsonObject;
  /** Replaces the metadata (an Any with @type). */
  setMetadata(metadata: JsonObject): void;
  succeed(response: JsonObject): void;
  fail(error: ApiError): void;
  /** Runs when a client cancels the operation while it is not done. */
  onCancel(fn: () => void): void;
}

/**
 * google.longrunning operations, stored in the Store (kind `operations`, keyed by name)
 * so get/list/cancel/wait/delete serve them over gRPC and under `/v1/` and `/ui/`.
 */
export class Operations {
  private readonly cancelHooks = new Map<string, Array<() => void>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timers: Timers,
  ) {}

  /** `genericMetadata` as Vertex AI's *OperationMetadata types carry it. */
  genericMetadata(): JsonObject {
    const now = rfc3339(this.clock.now());
    return { createTime: now, updateTime: now };
  }

  /** Starts a pending operation named `${owner}/operations/{id}`, e.g. owner `projects/1/locations/us-central1`. */
  start(owner: string, metadata: JsonObject): OperationHandle {
    const name = `${owner}/operations/${this.store.nextId()}`;
    const op: JsonObject = Object.keys(metadata).length ? { name, metadata: cloneJson(metadata), done: false } : { name, done: false };
    this.store.put<JsonObject>(KIND, name, op);
    return this.handle(name);
  }

  /** An operation that is already done with `response`. */
  done(owner: string, metadata: JsonObject, response: JsonObject): JsonObject {
    const op = this.start(owner, metadata);
    op.succeed(response);
    return op.json();
  }

  /**
   * Starts an operation and finishes it after `delayMs` with what `work` returns (or
   * throws). Returns the operation as the caller first sees it: not done yet. Use
   * `done()` for an operation that is finished at once.
   */
  run(owner: string, metadata: JsonObject, delayMs: number, work: (op: OperationHandle) => Promise<JsonObject> | JsonObject): JsonObject {
    const op = this.start(owner, metadata);
    this.timers.after(Math.max(0, delayMs), () => {
      if (this.isDone(op.name)) return;
      Promise.resolve()
        .then(() => work(op))
        .then((response) => op.succeed(response), (e: unknown) => op.fail(toApiError(e)));
    });
    return op.json();
  }

  get(name: string): JsonObject {
    const op = this.store.collection<JsonObject>(KIND).get(name);
    if (!op) throw notFound(`Operation "${name}" not found.`);
    return cloneJson(op);
  }

  list(owner: string, request: JsonObject): JsonObject {
    const pred = compileFilter(request.filter);
    const prefix = `${owner}/`;
    const all = [...this.store.collection<JsonObject>(KIND).values()].filter((op) => String(op.name).startsWith(prefix) && pred(op));
    const page = paginate(all, request, { query: `${owner}|${String(request.filter ?? '')}` });
    return withNextPage({ operations: page.items.map((o) => cloneJson(o)) }, page);
  }

  cancel(name: string): void {
    this.get(name);
    if (this.isDone(name)) return;
    for (const hook of this.cancelHooks.get(name) ?? []) hook();
    if (!this.isDone(name)) this.handle(name).fail(new ApiError(Code.CANCELLED, 'Operation was cancelled.'));
  }

  delete(name: string): void {
    this.get(name);
    this.store.remove(KIND, name);
    this.cancelHooks.delete(name);
  }

  /** Resolves when the operation is done or `timeoutMs` passed, with its state then. */
  wait(name: string, timeoutMs: number): Promise<JsonObject> {
    this.get(name);
    if (this.isDone(name)) return Promise.resolve(this.get(name));
    return new Promise((resolve) => {
      const onChange = (kind: string, changed: string) => {
        if (kind === KIND && changed === name && this.isDone(name)) finish();
      };
      const finish = () => {
        this.store.events.off('changed', onChange);
        cancelTimer();
        resolve(this.store.collection<JsonObject>(KIND).has(name) ? this.get(name) : { name, done: false });
      };
      const cancelTimer = this.timers.after(timeoutMs, finish);
      this.store.events.on('changed', onChange);
    });
  }

  /** Serves google.longrunning.Operations through the registry. */
  register(registry: Registry): void {
    const svc = 'google.longrunning.Operations';
    registry.unary(`${svc}.GetOperation`, async (req) => this.get(String(req.name ?? '')));
    registry.unary(`${svc}.ListOperations`, async (req) => this.list(String(req.name ?? ''), req));
    registry.unary(`${svc}.CancelOperation`, async (req) => {
      this.cancel(String(req.name ?? ''));
      return {};
    });
    registry.unary(`${svc}.DeleteOperation`, async (req) => {
      this.delete(String(req.name ?? ''));
      return {};
    });
    registry.unary(`${svc}.WaitOperation`, async (req) => {
      const timeout = typeof req.timeout === 'string' ? Math.min(parseFloat(req.timeout) * 1000, 60_000) : 60_000;
      return this.wait(String(req.name ?? ''), timeout);
    });
  }

  private isDone(name: string): boolean {
    return this.store.collection<JsonObject>(KIND).get(name)?.done === true;
  }

  private handle(name: string): OperationHandle {
    const update = (patch: (op: JsonObject) => void) => {
      const op = this.store.collection<JsonObject>(KIND).get(name);
      if (!op || op.done === true) return;
      const next = cloneJson(op);
      patch(next);
      this.store.put(KIND, name, next);
    };
    return {
      name,
      json: () => this.get(name),
      setMetadata: (metadata) => update((op) => { op.metadata = cloneJson(metadata); }),
      succeed: (response) => update((op) => { op.done = true; op.response = cloneJson(response); }),
      fail: (error) => update((op) => { op.done = true; op.error = error.toStatusJson(); }),
      onCancel: (fn) => {
        const hooks = this.cancelHooks.get(name) ?? [];
        hooks.push(fn);
        this.cancelHooks.set(name, hooks);
      },
    };
  }
}
