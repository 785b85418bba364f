import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributedCommands, getExtension, SHOW_CONTAINER_COMMAND, waitUntil } from '../extensionHost';

// This suite runs with workspace trust enabled, where the test workbench refuses the trust prompt.
describe('Restricted Mode', () => {
  it('the workspace is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('declares limited support for untrusted workspaces', () => {
    const manifest = getExtension().packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
  });

  it('still activates from its view and registers its commands', async () => {
    const extension = getExtension();
    await vscode.commands.executeCommand(SHOW_CONTAINER_COMMAND);
    await waitUntil(() => extension.isActive, 10_000, 'the extension to activate in Restricted Mode');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributedCommands(extension).filter((id) => !registered.has(id)), []);
  });
});
