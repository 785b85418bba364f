import * as vscode from 'vscode';
import { registerCommand } from './runCommand';
import { signIn } from './signIn';
import type { ResourceViews } from '../views/registerViews';

export interface CommandDeps {
  log: vscode.LogOutputChannel;
  views: ResourceViews;
}

/** Every command of the extension is registered here, each in its own file. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const ctx = { log: deps.log };
  registerCommand(context, ctx, 'vertexAI.signIn', () => signIn());
  registerCommand(context, ctx, 'vertexAI.refresh', () => deps.views.refreshAll());
  registerCommand(context, ctx, 'vertexAI.openSettings', () =>
    vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
  );
  registerCommand(context, ctx, 'vertexAI.showLog', () => deps.log.show());
}
