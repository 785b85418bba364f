import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi } from '../explorer/explorerHarness';

describe('Signed out (empty gcloud config, no emulator)', () => {
  it('finds no credentials and leaves the views empty so their sign-in welcome shows', async () => {
    assert.equal(process.env.VERTEX_EMULATOR_URL, undefined, 'this launch must not have an emulator');
    assert.deepEqual(vscode.workspace.getConfiguration('vertexAI').get('endpointOverrides'), {});
    const api = await extensionApi();
    assert.deepEqual(await api.getTreeNodes('vertexAI.trainingJobs'), []);
  });
});
