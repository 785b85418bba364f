// What the thin core (src/extension.ts) and the lazily required features bundle (src/features.ts)
// hand each other. Types only: neither bundle may pull the other's code in.
import type * as vscode from 'vscode';
import type { UserInput } from '../commands/userInput';
import type { NodeSnapshot } from '../views/tree/resourceTreeProvider';
import type { CommandTable } from './commandTable';

/** The core's tree views, created before the features load; the features connect their providers. */
export interface ViewHost {
  connect<T>(viewId: string, provider: vscode.TreeDataProvider<T>): vscode.TreeView<T>;
}

export interface FeatureHost {
  commands: CommandTable;
  views: ViewHost;
}

/** What the features give back to the core, which hands it to tests as ExtensionApi. */
export interface FeatureApi {
  setUserInput(ui: UserInput): void;
  getTreeNodes(viewId: string, parentId?: string): Promise<NodeSnapshot[]>;
}

export interface FeaturesModule {
  activateFeatures(context: vscode.ExtensionContext, host: FeatureHost): FeatureApi;
}
