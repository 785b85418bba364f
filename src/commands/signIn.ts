import * as vscode from 'vscode';
import type { SessionManager } from '../views/sessionManager';

const LOGIN_COMMAND = 'gcloud auth application-default login';

/**
 * Application Default Credentials come from gcloud; the extension never handles the
 * user's password or refresh token itself. The login runs in a terminal the user sees,
 * and the session is checked again once that terminal closes.
 */
export function signIn(session: SessionManager): void {
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Google Cloud sign-in') });
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    closed.dispose();
    void session.reopen();
  });
  terminal.show();
  terminal.sendText(`${LOGIN_COMMAND} && exit`);
}
