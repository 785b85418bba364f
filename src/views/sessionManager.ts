import * as vscode from 'vscode';
import type { SessionSettings, SessionState } from '../cloud/session';
import { openSession } from '../cloud/session';

/** Context key that the views' welcome content reads (package.json `viewsWelcome`). */
const STATE_KEY = 'vertexAI.sessionState';

/** The `vertexAI.*` settings a session is opened from. */
export function readSessionSettings(): SessionSettings {
  const c = vscode.workspace.getConfiguration('vertexAI');
  return {
    project: c.get<string>('project') || undefined,
    region: c.get<string>('region') || undefined,
    transport: c.get<'grpc' | 'rest'>('transport') ?? 'grpc',
    endpointOverrides: c.get('endpointOverrides') ?? {},
    impersonateServiceAccount: c.get<string>('impersonateServiceAccount') || undefined,
    quotaProject: c.get<string>('quotaProject') || undefined,
  };
}

function contextValue(state: SessionState): string {
  switch (state.kind) {
    case 'ready':
      return 'ready';
    case 'no-project':
      return 'noProject';
    case 'credentials':
      return state.reason === 'signed-out' || state.reason === 'expired' ? 'signedOut' : 'credentialError';
    case 'bad-settings':
      return 'badSettings';
  }
}

/**
 * Owns the current connection: opens it from settings and gcloud's configuration, and
 * reopens it when a vertexAI.* setting changes or on request (after sign-in).
 */
export class SessionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private current: Promise<SessionState> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('vertexAI')) void this.reopen();
      }),
    );
  }

  /** The session, opened on first use. */
  state(): Promise<SessionState> {
    this.current ??= this.open();
    return this.current;
  }

  reopen(): Promise<SessionState> {
    this.current = this.open();
    return this.current;
  }

  private async open(): Promise<SessionState> {
    let state: SessionState;
    try {
      state = await openSession(readSessionSettings());
    } catch (err) {
      state = { kind: 'bad-settings', message: `Could not open the Google Cloud session: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (state.kind === 'ready') {
      const c = state.connection;
      this.log.info(`Connected to project ${c.project} in ${c.region} over ${c.transport}${state.local ? ' (local endpoints, no credentials)' : ''}.`);
    } else {
      this.log.warn(`Not connected: ${state.message}`);
    }
    await vscode.commands.executeCommand('setContext', STATE_KEY, contextValue(state));
    this.changed.fire(state);
    return state;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
