import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { contributedCommands, getExtension, SHOW_CONTAINER_COMMAND, waitUntil } from './extensionHost';

describe('Extension activation', () => {
  it('is loaded but not active before any of its views or commands is used', () => {
    assert.equal(getExtension().isActive, false, 'something activated the extension at startup: activation must come from views and commands only');
  });

  it('activates when its Vertex AI container is opened', async () => {
    const extension = getExtension();
    await vscode.commands.executeCommand(SHOW_CONTAINER_COMMAND);
    await waitUntil(() => extension.isActive, 10_000, 'the extension to activate after its view opened');
  });

  it('registers every command it contributes', async () => {
    const expected = contributedCommands(getExtension());
    assert.ok(expected.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(expected.filter((id) => !registered.has(id)), [], 'contributed commands missing from the command registry');
  });

  it('loads its features with a handler for every command and view it contributes', async () => {
    // The core registers stubs; the features load fails, and every stub with it, if one has no handler.
    const api = getExtension().exports as ExtensionApi;
    assert.ok(Array.isArray(await api.getTreeNodes('vertexAI.trainingJobs')));
  });
});
