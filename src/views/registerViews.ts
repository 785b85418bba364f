import * as vscode from 'vscode';
import { SignedOutTreeProvider } from './signedOutTreeProvider';

export const VIEW_IDS = ['vertexAI.datasets', 'vertexAI.trainingJobs', 'vertexAI.models', 'vertexAI.endpoints'] as const;

export interface ResourceViews {
  refreshAll(): void;
}

export function registerViews(context: vscode.ExtensionContext): ResourceViews {
  const providers = VIEW_IDS.map((id) => {
    const provider = new SignedOutTreeProvider();
    context.subscriptions.push(provider, vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true }));
    return provider;
  });
  return { refreshAll: () => providers.forEach((p) => p.refresh()) };
}
