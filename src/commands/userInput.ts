import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface PickOptions<T> {
  title: string;
  placeholder?: string;
  /** Turns typed text that matches no item into a choice (undefined: not acceptable). */
  freeText?: (text: string) => T | undefined;
}

/**
 * Every prompt goes through this seam, so integration tests can script the answers and
 * fail on any prompt nobody expected. `undefined` means the user cancelled. Items may still
 * be loading: the pick shows busy meanwhile, and typed text is accepted already.
 */
export interface UserInput {
  pick<T>(items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: PickOptions<T>): Promise<T | undefined>;
  input(options: { title: string; prompt?: string; value?: string; validate?: (text: string) => string | undefined }): Promise<string | undefined>;
  confirm(message: string, action: string): Promise<boolean>;
}

export class VsCodeUserInput implements UserInput {
  async pick<T>(items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: PickOptions<T>): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T | undefined>>();
    qp.title = options.title;
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    let base: readonly PickItem<T>[] = Array.isArray(items) ? items : [];
    const render = () => {
      const text = qp.value.trim();
      const value = options.freeText && text ? options.freeText(text) : undefined;
      const typed: PickItem<T | undefined>[] =
        value !== undefined && !base.some((i) => i.label === text) ? [{ label: text, description: vscode.l10n.t('typed'), value, alwaysShow: true }] : [];
      qp.items = [...typed, ...base];
    };
    render();
    if (options.freeText) qp.onDidChangeValue(render);
    try {
      return await new Promise<T | undefined>((resolve, reject) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0]?.value));
        qp.onDidHide(() => resolve(undefined));
        if (!Array.isArray(items)) {
          qp.busy = true;
          (items as Promise<readonly PickItem<T>[]>).then((loaded) => {
            base = loaded;
            qp.busy = false;
            render();
          }, reject);
        }
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
