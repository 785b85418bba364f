import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { VsCodeUserInput } from './commands/userInput';
import type { UserInput } from './commands/userInput';
import { registerLogViews } from './views/logs/registerLogs';
import { registerViews } from './views/registerViews';
import { SessionManager } from './views/sessionManager';
import { registerSpecEditor } from './views/spec/registerSpecEditor';
import { createStatusBar } from './views/statusBar';
import type { NodeSnapshot } from './views/tree/resourceTreeProvider';

/** What activate() returns: the seam integration tests use to script prompts. */
export interface ExtensionApi {
  setUserInput(ui: UserInput): void;
  /** The items under a node of a view (its root without `parentId`), loading them as the view would. */
  getTreeNodes(viewId: string, parentId?: string): Promise<NodeSnapshot[]>;
}

// Activation runs on the first view or command use. It only builds the few long-lived
// objects; Google client libraries load lazily, on the first call that needs them.
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Vertex AI', { log: true });
  const session = new SessionManager(log);
  const ui = { current: new VsCodeUserInput() as UserInput };
  context.subscriptions.push(log, session, createStatusBar(session));
  const views = registerViews(context, session);
  const specs = registerSpecEditor(context, log);
  const logs = registerLogViews(context, views.session, log);
  registerCommands(context, { log, views, session, logs, specs, ui: () => ui.current });
  return {
    setUserInput: (input) => {
      ui.current = input;
    },
    getTreeNodes: (viewId, parentId) => views.snapshot(viewId, parentId),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
