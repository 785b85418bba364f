import * as vscode from 'vscode';
import type * as DeployModule from '../cloud/deploy';
import type { DeploySettings } from '../cloud/deploy';
import type * as EndpointsModule from '../cloud/endpoints-api';
import type { Endpoint } from '../cloud/endpoints-api';
import type { VertexClients } from '../cloud/vertexClients';
import { acceleratorsForMachine, allowedCounts } from '../jobs/hardware-catalog';
import type { DeployProgress } from '../views/endpoints/deployProgress';
import type { ResourceViews } from '../views/registerViews';
import type { ItemTarget } from '../views/tree/itemCommands';
import { isResourceNode, TreeNode } from '../views/tree/treeNode';
import type { UserInput } from './userInput';

/* eslint-disable @typescript-eslint/no-require-imports */
const deploy = (): typeof DeployModule => require('../cloud/deploy') as typeof DeployModule;
const endpoints = (): typeof EndpointsModule => require('../cloud/endpoints-api') as typeof EndpointsModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const ENDPOINTS_VIEW = 'vertexAI.endpoints';
const MODEL = /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+(@[^/]+)?$/;
const ENDPOINT = /^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+$/;
const SERVING_MACHINES = ['n1-standard-2', 'n1-standard-4', 'n1-standard-8', 'n1-highmem-4', 'e2-standard-4', 'g2-standard-8', 'a2-highgpu-1g'];

export interface DeployOptions extends Partial<DeploySettings> {
  /** An existing endpoint's resource name, or `{ displayName }` for a new endpoint. */
  endpoint?: string | { displayName: string };
}

export interface DeployResult {
  endpoint: string;
  deployedModelId: string;
}

export interface DeployDeps {
  views: ResourceViews;
  ui: () => UserInput;
  log: vscode.LogOutputChannel;
  progress: DeployProgress;
}

function modelName(target: ItemTarget | undefined): string | undefined {
  if (target === undefined) return undefined;
  const name = target instanceof TreeNode ? (isResourceNode(target) ? target.resource.name : '') : typeof target === 'string' ? target : target.name;
  if (!MODEL.test(name)) throw new Error(vscode.l10n.t('{0} is not a model or model version.', name || String(target)));
  return name;
}

async function chooseEndpoint(ui: UserInput, clients: VertexClients, given: DeployOptions['endpoint'], modelLabel: string): Promise<Endpoint | undefined> {
  if (typeof given === 'string') {
    if (!ENDPOINT.test(given)) throw new Error(vscode.l10n.t('{0} is not an endpoint.', given));
    const region = given.split('/')[3];
    if (region !== clients.connection.region) throw new Error(vscode.l10n.t('The endpoint is in {0} and this session in {1}: a model deploys only to an endpoint of its own region.', region, clients.connection.region));
    return endpoints().getEndpoint(clients, given);
  }
  let displayName = given?.displayName;
  if (displayName === undefined) {
    const page = await endpoints().listEndpoints(clients, { pageSize: 50 });
    const choice = await ui.pick<Endpoint | 'new'>(
      [{ label: vscode.l10n.t('New endpoint…'), value: 'new' }, ...page.items.map((e) => ({ label: e.displayName, description: e.deployedModels.length === 1 ? vscode.l10n.t('1 model deployed') : vscode.l10n.t('{0} models deployed', e.deployedModels.length), value: e }))],
      { title: vscode.l10n.t('Deploy to Endpoint: endpoint') },
    );
    if (choice === undefined) return undefined;
    if (choice !== 'new') return choice;
    displayName = await ui.input({ title: vscode.l10n.t('Deploy to Endpoint: new endpoint name'), value: `${modelLabel.toLowerCase().replace(/\s+/g, '-')}-endpoint`, validate: (t) => (t.trim() ? undefined : vscode.l10n.t('Give the endpoint a name.')) });
    if (displayName === undefined) return undefined;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating the endpoint "{0}"…', displayName) }, () => deploy().createEndpoint(clients, displayName));
}

async function chooseSettings(ui: UserInput, options: DeployOptions, endpoint: Endpoint): Promise<DeploySettings | undefined> {
  const machineType = options.machineType ?? await ui.pick(SERVING_MACHINES.map((m) => ({ label: m, value: m })), {
    title: vscode.l10n.t('Deploy to Endpoint: machine type'), freeText: (t) => (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(t) ? t : undefined),
  });
  if (machineType === undefined) return undefined;
  let acceleratorType = options.acceleratorType;
  let acceleratorCount = options.acceleratorCount;
  if (options.machineType === undefined && acceleratorType === undefined) {
    const offered = acceleratorsForMachine(machineType);
    if (offered.length > 0) {
      const choice = await ui.pick([{ label: vscode.l10n.t('No accelerator'), value: '' }, ...offered.map((a) => ({ label: a, value: a }))], { title: vscode.l10n.t('Deploy to Endpoint: accelerator') });
      if (choice === undefined) return undefined;
      acceleratorType = choice || undefined;
      if (acceleratorType) acceleratorCount = allowedCounts(machineType, acceleratorType)[0] ?? 1;
    }
  }
  let minReplicas = options.minReplicas;
  let maxReplicas = options.maxReplicas;
  if (minReplicas === undefined) {
    const text = await ui.input({ title: vscode.l10n.t('Deploy to Endpoint: replicas'), prompt: vscode.l10n.t('MIN or MIN-MAX, e.g. 1 or 1-3. Each replica bills by the hour.'), value: '1', validate: (t) => (/^\d+(-\d+)?$/.test(t.trim()) ? undefined : vscode.l10n.t('Write MIN or MIN-MAX.')) });
    if (text === undefined) return undefined;
    const [min, max] = text.trim().split('-').map(Number);
    minReplicas = min;
    maxReplicas = max ?? min;
  }
  let trafficPercent = options.trafficPercent;
  if (trafficPercent === undefined && endpoint.deployedModels.some((d) => d.trafficPercent > 0)) {
    const text = await ui.input({ title: vscode.l10n.t('Deploy to Endpoint: traffic for the new model (%)'), prompt: vscode.l10n.t('The models already there share the rest in their current proportions.'), value: '100', validate: (t) => (/^\d+$/.test(t.trim()) && Number(t) <= 100 ? undefined : vscode.l10n.t('A whole number from 0 to 100.')) });
    if (text === undefined) return undefined;
    trafficPercent = Number(text.trim());
  }
  return { machineType, acceleratorType, acceleratorCount, minReplicas, maxReplicas, trafficPercent: trafficPercent ?? 100, displayName: options.displayName };
}

/**
 * `vertexAI.deployModel(model?, options?)`: deploys a model version to a new or existing endpoint
 * with dedicated machines, checked by the same machine rules as training. The endpoint's node
 * shows the deployment until it ends, also after a window reload (see `resumeDeploys`).
 */
export async function deployModel(deps: DeployDeps, target?: ItemTarget, options: DeployOptions = {}): Promise<DeployResult | undefined> {
  const clients = await deps.views.session.clients();
  const model = modelName(target) ?? await deps.ui().input({ title: vscode.l10n.t('Deploy to Endpoint: model'), prompt: vscode.l10n.t('The model\'s resource name, optionally with @VERSION.'), validate: (t) => (MODEL.test(t.trim()) ? undefined : vscode.l10n.t('Write projects/…/locations/…/models/ID[@VERSION].')) });
  if (model === undefined) return undefined;
  const modelRegion = model.split('/')[3];
  if (modelRegion !== clients.connection.region) throw new Error(vscode.l10n.t('The model is in {0} and this session in {1}: switch region to deploy it.', modelRegion, clients.connection.region));
  // From the tree the model has a name a person recognises; given as a string, only its ID.
  const label = target instanceof TreeNode && isResourceNode(target) ? target.resource.displayName : model.slice(model.lastIndexOf('/') + 1);
  if (options.machineType !== undefined) {
    const early = deploy().deployProblems({ machineType: options.machineType, minReplicas: options.minReplicas ?? 1, ...options }, clients.connection.region);
    if (early.length > 0) throw new Error(vscode.l10n.t('Cannot deploy with these settings: {0}', early.join(' ')));
  }
  const endpoint = await chooseEndpoint(deps.ui(), clients, options.endpoint, label);
  if (endpoint === undefined) return undefined;
  const settings = await chooseSettings(deps.ui(), options, endpoint);
  if (settings === undefined) return undefined;
  const problems = deploy().deployProblems(settings, clients.connection.region);
  if (problems.length > 0) throw new Error(vscode.l10n.t('Cannot deploy with these settings: {0}', problems.join(' ')));

  const operation = await deploy().startDeploy(clients, endpoint, model, settings);
  deps.log.info(`Deploy to Endpoint: ${model} to ${endpoint.name} (${operation})`);
  await deps.progress.add({ operation, endpoint: endpoint.name, modelLabel: label, region: clients.connection.region, startedAt: Date.now() });
  return followDeploy(deps, clients, operation, endpoint.displayName, label);
}

/** Operations this window waits for, so a session change does not follow one twice. */
const following = new Set<string>();

/** Waits for a deployment, clears its progress, refreshes the endpoint and reminds of the cost. */
async function followDeploy(deps: DeployDeps, clients: VertexClients, operation: string, endpointLabel: string, modelLabel: string): Promise<DeployResult> {
  const endpoint = deploy().endpointOfOperation(operation);
  following.add(operation);
  try {
    const outcome = await deploy().waitForDeploy(clients, operation);
    const undeploy = vscode.l10n.t('Undeploy');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Deployed {0} to "{1}". While it stays deployed, its machines bill by the hour; undeploy it when you are done.', modelLabel, endpointLabel), undeploy)
      .then((choice) => choice === undeploy && vscode.commands.executeCommand('vertexAI.undeployModel', { endpoint, deployedModelId: outcome.deployedModelId }));
    return { endpoint, deployedModelId: outcome.deployedModelId };
  } finally {
    following.delete(operation);
    await deps.progress.remove(operation);
    deps.views.tree(ENDPOINTS_VIEW).reload();
  }
}

/** Follows the deployments a reloaded window left running in the session's region. */
export function resumeDeploys(deps: DeployDeps, clients: VertexClients): void {
  for (const pending of deps.progress.all().filter((p) => p.region === clients.connection.region && !following.has(p.operation))) {
    deps.log.info(`Deploy to Endpoint: following ${pending.operation} again`);
    followDeploy(deps, clients, pending.operation, pending.endpoint.slice(pending.endpoint.lastIndexOf('/') + 1), pending.modelLabel).catch((err: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Deploying {0} failed: {1}', pending.modelLabel, err instanceof Error ? err.message : String(err)));
    });
  }
}
