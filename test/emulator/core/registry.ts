import type { Emulator } from './emulator';
import type { JsonObject } from './json';

/**
 * What a handler knows about the call. Header/metadata keys are lower-case; the same
 * names appear on both transports (`authorization`, `x-goog-request-params`, ...).
 */
export interface CallContext {
  readonly method: string;
  readonly transport: 'grpc' | 'rest';
  readonly metadata: Readonly<Record<string, string>>;
  readonly emu: Emulator;
  /** Aborted when the client goes away (stream cancelled, socket closed). */
  readonly signal: AbortSignal;
}

/** Requests and responses are proto3 JSON on both transports; the gateways convert. */
export type UnaryHandler = (request: JsonObject, ctx: CallContext) => Promise<JsonObject>;

export interface StreamWriter {
  write(message: JsonObject): void;
}

/** Resolves when the stream should end with OK; rejects with an ApiError to end it with that status. */
export type ServerStreamHandler = (request: JsonObject, ctx: CallContext, out: StreamWriter) => Promise<void>;

/** `incoming` yields each client message and ends when the client half-closes. */
export type BidiHandler = (incoming: AsyncIterable<JsonObject>, ctx: CallContext, out: StreamWriter) => Promise<void>;

export type Registration =
  | { kind: 'unary'; handler: UnaryHandler }
  | { kind: 'serverStream'; handler: ServerStreamHandler }
  | { kind: 'bidi'; handler: BidiHandler };

/**
 * Method handlers keyed by full gRPC method name without leading slash, e.g.
 * `google.cloud.aiplatform.v1.JobService.CreateCustomJob`. Methods nobody registers
 * answer UNIMPLEMENTED on both transports.
 */
export class Registry {
  private readonly methods = new Map<string, Registration>();

  unary(method: string, handler: UnaryHandler): void {
    this.set(method, { kind: 'unary', handler });
  }

  serverStream(method: string, handler: ServerStreamHandler): void {
    this.set(method, { kind: 'serverStream', handler });
  }

  bidi(method: string, handler: BidiHandler): void {
    this.set(method, { kind: 'bidi', handler });
  }

  /** Registers every handler of `handlers` under `${service}.${key}`. */
  service(service: string, handlers: Record<string, UnaryHandler>): void {
    for (const [name, handler] of Object.entries(handlers)) this.unary(`${service}.${name}`, handler);
  }

  lookup(method: string): Registration | undefined {
    return this.methods.get(method);
  }

  private set(method: string, reg: Registration): void {
    if (this.methods.has(method)) throw new Error(`${method} is registered twice`);
    this.methods.set(method, reg);
  }
}
