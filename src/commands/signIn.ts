import * as vscode from 'vscode';

const LOGIN_COMMAND = 'gcloud auth application-default login';

/**
 * Application Default Credentials come from gcloud; the extension never handles the
 * user's password or refresh token itself. The login runs in a terminal the user sees.
 */
export function signIn(): void {
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Google Cloud sign-in') });
  terminal.show();
  terminal.sendText(LOGIN_COMMAND);
}
