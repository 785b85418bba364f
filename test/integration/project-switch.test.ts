import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PickItem, UserInput } from '../../src/commands/userInput';
import type { ExtensionApi } from '../../src/extension';
import { emulator, extensionApi, waitFor } from './explorer/explorerHarness';

type Options = { title: string; placeholder?: string; freeText?: (text: string) => unknown };
type Answer = (items: readonly PickItem<unknown>[], options: Options) => unknown;

/** Answers each pick with a function of what it offered, and keeps what it offered. */
class PickRecorder implements UserInput {
  readonly offered: { title: string; items: readonly PickItem<unknown>[] }[] = [];
  constructor(private readonly answers: Answer[]) {}

  async pick<T>(pending: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: Options): Promise<T | undefined> {
    const items = await pending;
    this.offered.push({ title: options.title, items });
    const answer = this.answers.shift();
    if (!answer) throw new Error(`Unexpected pick: ${options.title}`);
    return answer(items, options) as T | undefined;
  }
  input(options: { title: string }): Promise<string | undefined> {
    throw new Error(`Unexpected input box: ${options.title}`);
  }
  confirm(message: string): Promise<boolean> {
    throw new Error(`Unexpected confirmation: ${message}`);
  }
}

const changeProject: Answer = (items) => items.find((i) => i.label === 'Change Project')?.value;
const choose = (label: string): Answer => (items) => {
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`${label} is not offered`);
  return item.value;
};
const type = (text: string): Answer => (_items, options) => options.freeText?.(text);

const project = () => vscode.workspace.getConfiguration('vertexAI').get<string>('project');
const datasets = (api: ExtensionApi) => api.getTreeNodes('vertexAI.datasets');

describe('Project switch (emulator, demo seed)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('vertexAI.datasets.focus');
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion', { project: 'demo-project' });
  });

  it('lists the projects from Resource Manager, current first, and switching reloads the trees', async () => {
    const demoDatasets = (await datasets(api)).map((d) => d.label).join();
    assert.match(demoDatasets, /flowers-images/);
    const ui = new PickRecorder([changeProject, choose('forecasting-prod')]);
    api.setUserInput(ui);
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    const offered = ui.offered[1].items;
    assert.deepEqual(
      offered.map((i) => [i.label, i.description, i.detail]),
      [
        ['demo-project', 'Demo Project', 'Current project'],
        ['forecasting-prod', 'Forecasting (prod)', undefined],
        ['ml-research-sandbox', 'ML Research Sandbox', undefined],
        ['vision-staging-7f3a', 'Vision staging', undefined],
      ],
    );
    assert.equal(project(), 'forecasting-prod');
    await waitFor('the Datasets view of forecasting-prod', async () => ((await datasets(api)).some((d) => /^vertexAI\.dataset\./.test(d.contextValue ?? '')) ? undefined : true));

    // The project switched to comes right after the current one next time.
    const again = new PickRecorder([changeProject, choose('demo-project')]);
    api.setUserInput(again);
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    assert.deepEqual(again.offered[1].items.slice(0, 2).map((i) => [i.label, i.detail]), [['forecasting-prod', 'Current project'], ['demo-project', 'Recently used']]);
    await waitFor('the demo datasets again', async () => ((await datasets(api)).map((d) => d.label).join() === demoDatasets ? true : undefined));
  });

  it('takes a typed project ID that is not listed', async () => {
    api.setUserInput(new PickRecorder([changeProject, type('typed-project-42')]));
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    assert.equal(project(), 'typed-project-42');
  });

  it('when the list fails, says why in one item and still takes a typed ID', async () => {
    await emulator.addFault({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', code: 'PERMISSION_DENIED', message: 'The caller does not have permission' });
    const ui = new PickRecorder([changeProject, type('other-project-1')]);
    api.setUserInput(ui);
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    const offered = ui.offered[1].items;
    // Only the current and recent projects remain, then the reason.
    assert.equal(offered[0].label, 'demo-project');
    assert.ok(!offered.some((i) => i.label === 'ml-research-sandbox'));
    assert.equal(offered.at(-1)?.label, '$(info) Projects could not be listed. Type a project ID.');
    assert.match(offered.at(-1)?.detail ?? '', /does not have permission/);
    assert.equal(project(), 'other-project-1');
  });

  it('when the API is disabled, choosing the reason opens the page that enables it', async () => {
    const enable = 'https://console.developers.google.com/apis/api/cloudresourcemanager.googleapis.com/overview?project=417669879869';
    await emulator.addFault({
      method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects',
      code: 'PERMISSION_DENIED',
      message: `Cloud Resource Manager API has not been used in project 417669879869 before or it is disabled. Enable it by visiting ${enable} then retry.`,
    });
    const opened: string[] = [];
    const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
    const openExternal = env.openExternal;
    // The test host leaves vscode.env writable so tests can stand in for the browser.
    env.openExternal = async (uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    try {
      const ui = new PickRecorder([changeProject, choose('$(link-external) Enable the Cloud Resource Manager API to list your projects')]);
      api.setUserInput(ui);
      await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
      assert.match(ui.offered[1].items.at(-1)?.detail ?? '', /has not been used in project/);
    } finally {
      env.openExternal = openExternal;
    }
    assert.deepEqual(opened, [enable]);
    assert.equal(project(), 'demo-project');
  });

  it('hands the pick its items while they still load, so it shows busy', async () => {
    await emulator.addFault({ method: 'google.cloud.resourcemanager.v3.Projects.SearchProjects', latencyMs: 1_500, count: 1 });
    let pendingWhenShown: boolean | undefined;
    const ui = new PickRecorder([changeProject, choose('forecasting-prod')]);
    const recordPick = ui.pick.bind(ui);
    ui.pick = async (pending, options) => {
      if (options.title === 'Google Cloud project') {
        const unsettled = {};
        const first = await Promise.race([Promise.resolve(pending).then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(() => resolve(unsettled), 200))]);
        pendingWhenShown = pending instanceof Promise && first === unsettled;
      }
      return recordPick(pending, options);
    };
    api.setUserInput(ui);
    await vscode.commands.executeCommand('vertexAI.switchProjectOrRegion');
    assert.equal(pendingWhenShown, true, 'the project list was already loaded when the pick opened');
    assert.equal(project(), 'forecasting-prod');
  });
});
