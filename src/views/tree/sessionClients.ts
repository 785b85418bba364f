import * as vscode from 'vscode';
import type { SessionState } from '../../cloud/session';
import { VertexClients } from '../../cloud/vertexClients';
import type { SessionManager } from '../sessionManager';

/** How long other views wait for the leading first page before creating their clients anyway. */
const LEAD_WAIT_MS = 2_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const noop = (): void => undefined;

/** Thrown when a tree or command needs Google Cloud while the session is not ready. */
export class SessionNotReadyError extends Error {
  constructor(readonly state: Exclude<SessionState, { kind: 'ready' }>) {
    super(state.message);
    this.name = 'SessionNotReadyError';
  }
}

/**
 * The Vertex AI clients of the current session, shared by every view and command.
 * A new session (settings changed, sign-in, project switch) closes the old clients.
 */
export class SessionClients implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionState>();
  /** Fires after the session changed; trees reload from scratch. */
  readonly onDidChange = this.changed.event;
  private cached: { state: SessionState; clients?: VertexClients; led?: boolean; gate?: Promise<void> } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: SessionManager) {
    this.subscription = session.onDidChange((state) => {
      this.replace(state);
      this.changed.fire(state);
    });
  }

  async state(): Promise<SessionState> {
    const state = await this.session.state();
    if (this.cached?.state !== state) this.replace(state);
    return state;
  }

  /** The clients, or SessionNotReadyError with the reason the session is not ready. */
  async clients(): Promise<VertexClients> {
    const clients = await this.readyClients();
    const gate = this.cached?.gate;
    if (gate) await gate;
    return clients;
  }

  /**
   * The session's first list of the view users open first (Training Jobs), ahead of everyone
   * else's clients. Creating a client parses its descriptor set, synchronously, for 50–300 ms;
   * views opened together would otherwise parse theirs between this list's request and its
   * answer. Other callers wait for it, at most LEAD_WAIT_MS; later calls run as usual.
   */
  async lead<T>(list: (clients: VertexClients) => Promise<T>): Promise<T> {
    const clients = await this.readyClients();
    const cached = this.cached;
    if (!cached || cached.led) return list(await this.clients());
    cached.led = true;
    const page = list(clients);
    // One more turn of the event loop after the page, so its answer reaches the workbench first.
    const answered = page.then(noop, noop).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    const gate = Promise.race([answered, sleep(LEAD_WAIT_MS)]).then(() => {
      if (cached.gate === gate) cached.gate = undefined;
    });
    cached.gate = gate;
    return page;
  }

  private async readyClients(): Promise<VertexClients> {
    const state = await this.state();
    if (state.kind !== 'ready') throw new SessionNotReadyError(state);
    // state() made the clients of a ready session.
    return (this.cached as { clients: VertexClients }).clients;
  }

  private replace(state: SessionState): void {
    if (this.cached?.state === state) return;
    void this.cached?.clients?.close();
    if (state.kind !== 'ready') {
      this.cached = { state };
      return;
    }
    this.cached = { state, clients: new VertexClients(state.connection) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    void this.cached?.clients?.close();
  }
}
