import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { PickItem, PickOptions, UserInput } from '../../src/commands/userInput';
import { emulatorUrl, extensionApi } from './explorer/explorerHarness';

const BUCKET = 'demo-project-vertex-staging';

/** Records the serving-container pick and cancels it, so nothing is registered. */
class PickRecorder implements UserInput {
  items: PickItem<unknown>[] = [];
  options: PickOptions<unknown> | undefined;

  async pick<T>(items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: PickOptions<T>): Promise<T | undefined> {
    this.items = [...(await items)] as PickItem<unknown>[];
    this.options = options as PickOptions<unknown>;
    return undefined;
  }

  async input(options: { title: string }): Promise<string | undefined> {
    throw new Error(`Unexpected input prompt: ${options.title}`);
  }

  async confirm(message: string): Promise<boolean> {
    throw new Error(`Unexpected confirmation: ${message}`);
  }
}

async function putObject(name: string): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=${encodeURIComponent(name)}`, { method: 'POST', body: 'model bytes' });
  assert.ok(res.ok, `upload ${name}: ${res.status}`);
}

describe('Upload Model serving container pick', function () {
  this.timeout(30_000);
  let api: ExtensionApi;
  let recorder: PickRecorder;

  before(async () => {
    api = await extensionApi();
  });

  // Later suites list the same bucket: leave it as it was.
  after(async () => {
    for (const name of ['pick-test/sklearn/model.joblib', 'pick-test/torch/model.pt']) {
      await fetch(`${emulatorUrl()}/storage/v1/b/${BUCKET}/o/${encodeURIComponent(name)}`, { method: 'DELETE' });
    }
  });

  beforeEach(() => {
    recorder = new PickRecorder();
    api.setUserInput(recorder);
  });

  it('puts the containers that load the folder\'s model file first', async () => {
    await putObject('pick-test/sklearn/model.joblib');
    const result = await vscode.commands.executeCommand('vertexAI.uploadModel', `gs://${BUCKET}/pick-test/sklearn/`, { parentModel: '' });
    assert.equal(result, undefined, 'the pick was cancelled');
    assert.equal(recorder.options?.title, 'Upload Model: serving container');
    assert.match(recorder.items[0]?.label ?? '', /^(scikit-learn|XGBoost) /);
    assert.match(recorder.items[0]?.detail ?? '', /model\.joblib, found in the folder/);
    const firstOther = recorder.items.findIndex((i) => !/found in the folder/.test(i.detail ?? ''));
    assert.ok(firstOther > 0 && recorder.items.slice(firstOther).every((i) => !/found in the folder/.test(i.detail ?? '')), 'loadable containers come first');
  });

  it('says so when no prebuilt container loads the folder', async () => {
    await putObject('pick-test/torch/model.pt');
    await vscode.commands.executeCommand('vertexAI.uploadModel', `gs://${BUCKET}/pick-test/torch/`, { parentModel: '' });
    assert.equal(recorder.options?.placeholder, 'No prebuilt container loads model.pt: type a custom image URI');
  });
});
