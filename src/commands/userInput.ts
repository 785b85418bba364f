import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * Every prompt goes through this seam, so integration tests can script the answers and
 * fail on any prompt nobody expected. `undefined` means the user cancelled.
 */
export interface UserInput {
  pick<T>(items: readonly PickItem<T>[], options: { title: string; placeholder?: string; freeText?: (text: string) => T | undefined }): Promise<T | undefined>;
  input(options: { title: string; prompt?: string; value?: string; validate?: (text: string) => string | undefined }): Promise<string | undefined>;
  confirm(message: string, action: string): Promise<boolean>;
}

export class VsCodeUserInput implements UserInput {
  async pick<T>(
    items: readonly PickItem<T>[],
    options: { title: string; placeholder?: string; freeText?: (text: string) => T | undefined },
  ): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T | undefined>>();
    qp.title = options.title;
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    const base: PickItem<T | undefined>[] = [...items];
    qp.items = base;
    if (options.freeText) {
      const freeText = options.freeText;
      qp.onDidChangeValue((text) => {
        const value = text.trim() ? freeText(text.trim()) : undefined;
        const typed: PickItem<T | undefined>[] =
          value !== undefined && !items.some((i) => i.label === text.trim()) ? [{ label: text.trim(), description: vscode.l10n.t('typed'), value, alwaysShow: true }] : [];
        qp.items = [...typed, ...base];
      });
    }
    try {
      return await new Promise<T | undefined>((resolve) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0]?.value));
        qp.onDidHide(() => resolve(undefined));
        qp.show();
      });
    } finally {
      qp.dispose();
    }
  }

  input(options: { title: string; prompt?: string; value?: string; validate?: (text: string) => string | undefined }): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({ title: options.title, prompt: options.prompt, value: options.value, ignoreFocusOut: true, validateInput: options.validate }),
    );
  }

  async confirm(message: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
  }
}
