import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PickItem, UserInput } from '../../../src/commands/userInput';
import { extensionApi } from '../explorer/explorerHarness';

/** Chooses "Change Project", then types `typed` into the project pick, keeping what that pick offered. */
class TypeProject implements UserInput {
  offered: readonly PickItem<unknown>[] = [];
  private step = 0;
  constructor(private readonly typed: string) {}

  async pick<T>(pending: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: { title: string; freeText?: (text: string) => T | undefined }): Promise<T | undefined> {
    const items = await pending;
    if (this.step++ === 0) return items.find((i) => i.label === 'Change Project')?.value;
    this.offered = items;
    return options.freeText?.(this.typed);
  }
  input(): Promise<string | undefined> {
    throw new Error('Unexpected input box');
  }
  confirm(): Promise<boolean> {
    throw new Error('Unexpected confirmation');
  }
}

describe('Project switch signed out', () => {
  after(() => vscode.workspace.getConfiguration('vertexAI').update('project', 'signed-out-project', vscode.ConfigurationTarget.Global));

  it('says in one item why no projects are listed, and still takes a typed ID', async () => {
    const api = await extensionApi();
    const ui = new TypeProject('typed-while-signed-out');
    api.setUserInput(ui);
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    assert.equal(ui.offered.length, 1, ui.offered.map((i) => i.label).join(', '));
    assert.equal(ui.offered[0].label, '$(info) Projects could not be listed. Type a project ID.');
    assert.match(ui.offered[0].detail ?? '', /sign in|credentials/i);
    assert.equal(vscode.workspace.getConfiguration('vertexAI').get('project'), 'typed-while-signed-out');
  });
});
