import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { emulator, emulatorUrl, extensionApi, waitFor } from './explorerHarness';

const VIEW = 'vertexAI.trainingJobs';
const CUSTOM = `${VIEW}/customJob`;

describe('Training Jobs view: job icons and item Refresh (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const find = async (name: string) => (await api.getTreeNodes(VIEW, CUSTOM)).find((n) => n.id === name);

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  it('an EXPIRED job has its own warning icon, not the error icon of FAILED', async () => {
    const expired = (await api.getTreeNodes(VIEW, CUSTOM)).find((n) => n.label === 'llm-sft-h100-distributed');
    assert.match(expired?.description ?? '', /^Expired · /);
    assert.equal(expired?.icon, 'history');
    assert.equal(expired?.color, 'list.warningForeground');
  });

  it('Refresh on one job asks the API for that job again', async () => {
    const { name } = await emulator.createCustomJob('refresh-me', { 'emulator-run-seconds': '600' });
    await vscode.commands.executeCommand('vertexAI.refreshItem', CUSTOM);
    const before = await waitFor('the new job', () => find(name));
    assert.match(before.contextValue ?? '', /\.(queued|pending|running)$/);
    const res = await fetch(`${emulatorUrl()}/v1/${name}:cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.ok(res.ok, `cancel: ${res.status}`);
    await vscode.commands.executeCommand('vertexAI.refreshItem', name);
    assert.match((await find(name))?.contextValue ?? '', /\.(cancelling|cancelled)$/);
  });
});
