import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PickItem, UserInput } from '../../../src/commands/userInput';
import { extensionApi } from '../explorer/explorerHarness';

/** Chooses "Change Project", then answers the project pick with `answer` of what it offered, keeping that. */
class ProjectPickAnswer implements UserInput {
  offered: readonly PickItem<unknown>[] = [];
  private step = 0;
  constructor(private readonly answer: (items: readonly PickItem<unknown>[], freeText?: (text: string) => unknown) => unknown) {}

  async pick<T>(pending: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: { title: string; freeText?: (text: string) => T | undefined }): Promise<T | undefined> {
    const items = await pending;
    if (this.step++ === 0) return items.find((i) => i.label === 'Change Project')?.value;
    this.offered = items;
    return this.answer(items, options.freeText) as T | undefined;
  }
  input(): Promise<string | undefined> {
    throw new Error('Unexpected input box');
  }
  confirm(): Promise<boolean> {
    throw new Error('Unexpected confirmation');
  }
}

const SIGN_IN = '$(sign-in) Sign in to list your projects';
const project = () => vscode.workspace.getConfiguration('vertexAI').get('project');

describe('Project switch signed out', () => {
  after(() => vscode.workspace.getConfiguration('vertexAI').update('project', 'signed-out-project', vscode.ConfigurationTarget.Global));

  it('says in one item that signing in lists the projects, and still takes a typed ID', async () => {
    const api = await extensionApi();
    const ui = new ProjectPickAnswer((_items, freeText) => freeText?.('typed-while-signed-out'));
    api.setUserInput(ui);
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    assert.equal(ui.offered.length, 1, ui.offered.map((i) => i.label).join(', '));
    assert.equal(ui.offered[0].label, SIGN_IN);
    assert.match(ui.offered[0].detail ?? '', /sign in|credentials/i);
    assert.equal(project(), 'typed-while-signed-out');
  });

  it('choosing that item runs Sign In', async () => {
    const api = await extensionApi();
    const ui = new ProjectPickAnswer((items) => items.find((i) => i.label === SIGN_IN)?.value);
    api.setUserInput(ui);
    const before = project();
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const sub = vscode.window.onDidOpenTerminal((t) => {
        if (t.name !== 'Google Cloud sign-in') return;
        sub.dispose();
        resolve(t);
      });
    });
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    let timer: NodeJS.Timeout | undefined;
    const terminal = await Promise.race([opened, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 10_000)))]);
    clearTimeout(timer);
    assert.ok(terminal, 'no sign-in terminal opened');
    terminal.dispose();
    assert.equal(project(), before);
  });
});
