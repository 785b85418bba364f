// The thin core: everything VS Code needs at activation (command stubs, tree views, a watch for
// spec files) and nothing else. The features are a separate bundle (dist/features.js, see
// src/features.ts), required on their first real use: a command, a view that resolves, a spec
// document, or the test API. esbuild.mjs fails the build if feature code lands in this bundle.
import * as vscode from 'vscode';
import type { UserInput } from './commands/userInput';
import { CommandTable } from './core/commandTable';
import type { FeatureApi, FeaturesModule } from './core/featureContract';
import { ForwardingTreeViews } from './core/forwardingTreeViews';
import { Lazy } from './core/lazy';
import { isSpecPath } from './views/spec/specFileNames';
import type { NodeSnapshot } from './views/tree/resourceTreeProvider';

/** What activate() returns: the seam integration tests use to script prompts. */
export interface ExtensionApi {
  /** Takes effect at once; before the features load it is held for them. */
  setUserInput(ui: UserInput): void;
  /** The items under a node of a view (its root without `parentId`), loading them as the view would. */
  getTreeNodes(viewId: string, parentId?: string): Promise<NodeSnapshot[]>;
}

interface Manifest {
  contributes?: {
    commands?: { command: string }[];
    views?: Record<string, { id: string; type?: string }[]>;
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const manifest = context.extension.packageJSON as Manifest;
  const commands = new CommandTable((manifest.contributes?.commands ?? []).map((c) => c.command));
  const treeViewIds = Object.values(manifest.contributes?.views ?? {})
    .flat()
    .filter((v) => v.type !== 'webview')
    .map((v) => v.id);
  let heldInput: UserInput | undefined;
  const features: Lazy<FeatureApi> = new Lazy(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('./features') as FeaturesModule;
    const api = module.activateFeatures(context, { commands, views });
    const missing = [...commands.missing(), ...views.missing()];
    if (missing.length > 0) throw new Error(`The features left these contributions without a handler: ${missing.join(', ')}.`);
    if (heldInput) api.setUserInput(heldInput);
    return api;
  });
  const views = new ForwardingTreeViews(treeViewIds, () => features.get());
  context.subscriptions.push(views);

  for (const id of commands.ids) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await features.get();
        } catch (err) {
          showLoadFailure(err);
          return undefined;
        }
        return commands.dispatch(id, args);
      }),
    );
  }

  // Diagnostics and CodeLens must be there when a spec file shows, so a spec document is a need.
  const onDocument = (doc: vscode.TextDocument): void => {
    if (doc.uri.scheme !== 'output' && isSpecPath(doc.uri.path)) features.get().catch(showLoadFailure);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(onDocument));
  vscode.workspace.textDocuments.forEach(onDocument);

  return {
    setUserInput: (ui) => {
      heldInput = ui;
      features.current()?.setUserInput(ui);
    },
    getTreeNodes: async (viewId, parentId) => (await features.get()).getTreeNodes(viewId, parentId),
  };
}

function showLoadFailure(err: unknown): void {
  void vscode.window.showErrorMessage(vscode.l10n.t('Vertex AI could not load: {0}', err instanceof Error ? err.message : String(err)));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
