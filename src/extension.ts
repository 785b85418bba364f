import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { registerViews } from './views/registerViews';

// Activation runs on the first view or command use. It only builds the few long-lived
// objects; Google client libraries load lazily, on the first call that needs them.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Vertex AI', { log: true });
  context.subscriptions.push(log);
  const views = registerViews(context);
  registerCommands(context, { log, views });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
