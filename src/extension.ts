import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { VsCodeUserInput } from './commands/userInput';
import type { UserInput } from './commands/userInput';
import { registerViews } from './views/registerViews';
import { SessionManager } from './views/sessionManager';
import { createStatusBar } from './views/statusBar';

/** What activate() returns: the seam integration tests use to script prompts. */
export interface ExtensionApi {
  setUserInput(ui: UserInput): void;
}

// Activation runs on the first view or command use. It only builds the few long-lived
// objects; Google client libraries load lazily, on the first call that needs them.
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Vertex AI', { log: true });
  const session = new SessionManager(log);
  const ui = { current: new VsCodeUserInput() as UserInput };
  context.subscriptions.push(log, session, createStatusBar(session));
  const views = registerViews(context);
  registerCommands(context, { log, views, session, ui: () => ui.current });
  return {
    setUserInput: (input) => {
      ui.current = input;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
