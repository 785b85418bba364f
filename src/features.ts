// Everything the extension does, bundled as dist/features.js and required by the core
// (src/extension.ts) on first use. The Google client libraries stay lazier still: they load on
// the first call that needs them (src/cloud/googleLibs.ts).
import * as vscode from 'vscode';
import { flushCodeCaches } from './cloud/bundleCodeCache';
import { registerCommands } from './commands/registerCommands';
import { VsCodeUserInput } from './commands/userInput';
import type { UserInput } from './commands/userInput';
import type { FeatureApi, FeatureHost } from './core/featureContract';
import { registerLogViews } from './views/logs/registerLogs';
import { registerViews } from './views/registerViews';
import { SessionManager } from './views/sessionManager';
import { registerSpecEditor } from './views/spec/registerSpecEditor';
import { createStatusBar } from './views/statusBar';

export function activateFeatures(context: vscode.ExtensionContext, host: FeatureHost): FeatureApi {
  const log = vscode.window.createOutputChannel('Vertex AI', { log: true });
  const session = new SessionManager(log);
  const ui = { current: new VsCodeUserInput() as UserInput };
  // The Google bundles' code caches are written as the extension deactivates, when it no longer blocks anyone.
  context.subscriptions.push(log, session, createStatusBar(session), { dispose: flushCodeCaches });
  const views = registerViews(context, session, host.views);
  const specs = registerSpecEditor(context, log);
  const logs = registerLogViews(context, views.session, log);
  registerCommands(context, { log, views, session, logs, specs, commands: host.commands, ui: () => ui.current });
  return {
    setUserInput: (input) => {
      ui.current = input;
    },
    getTreeNodes: (viewId, parentId) => views.snapshot(viewId, parentId),
  };
}
