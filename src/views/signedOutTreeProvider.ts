import * as vscode from 'vscode';

/**
 * An empty tree: VS Code then shows the view's welcome content (package.json
 * `viewsWelcome`), which offers sign-in. Replaced per view once the explorer lists resources.
 */
export class SignedOutTreeProvider implements vscode.TreeDataProvider<never>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
