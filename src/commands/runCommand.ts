import * as vscode from 'vscode';
import type { CommandTable } from '../core/commandTable';
import { presentError } from './errorPresentation';

export interface CommandContext {
  log: vscode.LogOutputChannel;
  /** The core's stubs (src/extension.ts): contributed commands are registered there, not with VS Code. */
  commands: CommandTable;
}

/** Registers a command whose errors are all handled the same way (see errorPresentation.ts). */
export function registerCommand<A extends unknown[], R>(
  context: vscode.ExtensionContext,
  ctx: CommandContext,
  id: string,
  handler: (...args: A) => Promise<R> | R,
): void {
  const run = async (...args: A): Promise<R | undefined> => {
    try {
      return await handler(...args);
    } catch (err) {
      showError(ctx, id, err);
      return undefined;
    }
  };
  if (ctx.commands.has(id)) ctx.commands.set(id, run);
  else context.subscriptions.push(vscode.commands.registerCommand(id, run));
}

/** Shows the error without waiting for the user, so the command returns at once. */
function showError(ctx: CommandContext, id: string, err: unknown): void {
  const shown = presentError(err);
  if (shown.kind === 'silent') return;
  if (shown.kind === 'notify') {
    ctx.log.error(`${id}: ${shown.message}`);
    void vscode.window.showErrorMessage(shown.message);
    return;
  }
  ctx.log.error(`${id}: ${shown.details}`);
  const seeOutput = vscode.l10n.t('See Output');
  void vscode.window.showErrorMessage(shown.summary, seeOutput).then((choice) => {
    if (choice === seeOutput) ctx.log.show(true);
  });
}
