import * as vscode from 'vscode';
import type { Connection } from '../../cloud/connection';
import type { SessionState } from '../../cloud/session';
import { VertexClients } from '../../cloud/vertexClients';
import type { SessionManager } from '../sessionManager';
import { LibraryWarmup } from './libraryWarmup';

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
  private cached: { state: SessionState; clients?: VertexClients; warmup?: LibraryWarmup } | undefined;
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
    const state = await this.state();
    if (state.kind !== 'ready') throw new SessionNotReadyError(state);
    // state() made the clients of a ready session.
    const { clients, warmup } = this.cached as { clients: VertexClients; warmup: LibraryWarmup };
    await warmup.ready();
    return clients;
  }

  /** The connection, without waiting for the client library (for a first page over fetch). */
  async connection(): Promise<Connection> {
    const state = await this.state();
    if (state.kind !== 'ready') throw new SessionNotReadyError(state);
    return state.connection;
  }

  /** False until the client library is loaded: first pages then come over fetch. */
  isWarm(): boolean {
    return this.cached?.warmup?.isWarm === true;
  }

  /** Tracks a first page fetched without the library, so the library load waits for it. */
  firstPage<T>(page: Promise<T>): Promise<T> {
    return this.cached?.warmup ? this.cached.warmup.firstPage(page) : page;
  }

  private replace(state: SessionState): void {
    if (this.cached?.state === state) return;
    void this.cached?.clients?.close();
    if (state.kind !== 'ready') {
      this.cached = { state };
      return;
    }
    const clients = new VertexClients(state.connection);
    // The views poll jobs and pipelines: those clients are made while warming up.
    const warmup = new LibraryWarmup(() => {
      clients.jobs();
      clients.pipelines();
    });
    this.cached = { state, clients, warmup };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    void this.cached?.clients?.close();
  }
}
