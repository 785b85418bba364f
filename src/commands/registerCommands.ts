import * as vscode from 'vscode';
import type { ResourceViews } from '../views/registerViews';
import type { SessionManager } from '../views/sessionManager';
import { registerCommand } from './runCommand';
import { signIn } from './signIn';
import type { ProjectRegionTarget } from './switchProjectRegion';
import { switchProjectOrRegion } from './switchProjectRegion';
import type { UserInput } from './userInput';

export interface CommandDeps {
  log: vscode.LogOutputChannel;
  views: ResourceViews;
  session: SessionManager;
  ui: () => UserInput;
}

/** Every command of the extension is registered here, each in its own file. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const ctx = { log: deps.log };
  registerCommand(context, ctx, 'vertexAI.signIn', () => signIn(deps.session));
  registerCommand(context, ctx, 'vertexAI.refresh', async () => {
    await deps.session.reopen();
    deps.views.refreshAll();
  });
  registerCommand(context, ctx, 'vertexAI.switchProjectOrRegion', (target?: ProjectRegionTarget) => switchProjectOrRegion(deps.ui(), deps.session, target));
  registerCommand(context, ctx, 'vertexAI.openSettings', () =>
    vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
  );
  registerCommand(context, ctx, 'vertexAI.showLog', () => deps.log.show());
}
