import * as vscode from 'vscode';
import type { ResourceViews } from '../views/registerViews';
import type { SessionManager } from '../views/sessionManager';
import { registerCommand } from './runCommand';
import { SessionProjects } from './projectPick';
import { signIn } from './signIn';
import type { ProjectRegionTarget } from './switchProjectRegion';
import { switchProjectOrRegion } from './switchProjectRegion';
import type { UserInput } from './userInput';
import type { CommandTable } from '../core/commandTable';
import type { ItemTarget } from '../views/tree/itemCommands';
import { clearViewFilter, copyResourceId, copyResourceName, filterView, loadMore, openInConsole, refreshItem, showDetails } from '../views/tree/itemCommands';
import type { LoadMoreNode } from '../views/tree/messageNodes';
import type { DetailsFormat } from '../views/tree/resourceDocument';
import type { TreeFilterValue } from '../views/tree/treeFilter';
import { cancelJob, deleteJob } from '../views/trainingJobs/jobActions';
import { cancelBatchJob, deleteBatchJob } from '../views/trainingJobs/batchJobActions';
import type { SpecDiagnostics } from '../views/spec/specDiagnostics';
import { afterSubmit } from './afterSubmit';
import { copyGcloudCommand } from './copyGcloudCommand';
import type { GuidedChoices } from './guidedFlow';
import { submitGuided } from './submitGuided';
import { TrainingJobSubmitter } from './submitTrainingJob';
import { validateSpec } from './validateSpec';
import { deleteDatasetCommand } from '../views/datasets/datasetActions';
import { deleteEndpointCommand } from '../views/endpoints/endpointActions';
import { deleteModelCommand, deleteModelVersionCommand } from '../views/models/modelActions';
import type { FollowRequest, LogStreams } from '../views/logs/logStreams';
import type { JobTarget } from './showLogs';
import { showLogs, showReplicaLogs } from './showLogs';
import { stopStreaming } from './stopStreaming';
import { showArtifactRegistryImages } from './artifactRegistryImages';
import type { ImagesOptions } from './artifactRegistryImages';
import { buildImage, prepareSpecForSubmit } from './buildImage';
import type { BuildImageOptions } from './buildImage';
import { BuildOutput } from './buildSupport';
import { newTrainingProject } from './newTrainingProject';
import type { NewProjectOptions } from './newTrainingProject';
import { runJobLocally } from './runJobLocally';
import type { RunLocallyOptions } from './runJobLocally';
import { uploadFolder } from './uploadFolder';
import { createBatchPrediction } from './createBatchPrediction';
import type { BatchPredictionOptions } from './createBatchPrediction';
import { createDatasetCommand } from './createDataset';
import type { DatasetOptions } from './createDataset';
import { importDataCommand } from './importData';
import type { ImportOptions } from './importData';
import { predictCommand } from './predict';
import type { PredictInput } from './predict';
import { PredictionDocuments } from './predictionDocuments';
import { DeployProgress, setDeployProgress } from '../views/endpoints/deployProgress';
import { deployModel, resumeDeploys } from './deployModel';
import type { DeployOptions } from './deployModel';
import { undeployModelCommand } from './undeployModel';
import type { UndeployTarget } from './undeployModel';
import { uploadModel } from './uploadModel';
import type { UploadModelOptions } from './uploadModel';

export interface CommandDeps {
  log: vscode.LogOutputChannel;
  views: ResourceViews;
  session: SessionManager;
  /** Job log channels (src/views/logs/): `logs.follow(jobName)` streams a job's logs. */
  logs: LogStreams;
  specs: SpecDiagnostics;
  /** The core's command stubs, which registerCommand fills in. */
  commands: CommandTable;
  ui: () => UserInput;
}

/** Every command of the extension is registered here, each in its own file. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const ctx = { log: deps.log, commands: deps.commands };
  registerCommand(context, ctx, 'vertexAI.signIn', () => signIn(deps.session));
  registerCommand(context, ctx, 'vertexAI.refresh', async () => {
    await deps.session.reopen();
    deps.views.refreshAll();
  });
  const projects = new SessionProjects(deps.session);
  context.subscriptions.push(projects);
  registerCommand(context, ctx, 'vertexAI.switchProjectOrRegion', (target?: ProjectRegionTarget) =>
    switchProjectOrRegion({ ui: deps.ui(), session: deps.session, projects, recent: context.globalState }, target),
  );
  registerCommand(context, ctx, 'vertexAI.openSettings', () =>
    vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
  );
  registerCommand(context, ctx, 'vertexAI.showLog', () => deps.log.show());
  // Item actions shared by every resource view (src/views/tree/itemCommands.ts).
  registerCommand(context, ctx, 'vertexAI.showDetails', (target?: ItemTarget, format?: DetailsFormat) => showDetails(deps.views, target, format));
  registerCommand(context, ctx, 'vertexAI.openInConsole', (target?: ItemTarget) => openInConsole(target));
  registerCommand(context, ctx, 'vertexAI.copyResourceName', (target?: ItemTarget) => copyResourceName(target));
  registerCommand(context, ctx, 'vertexAI.copyResourceId', (target?: ItemTarget) => copyResourceId(target));
  registerCommand(context, ctx, 'vertexAI.refreshItem', (target?: ItemTarget) => refreshItem(deps.views, target));
  registerCommand(context, ctx, 'vertexAI.loadMore', (target: LoadMoreNode | string) => loadMore(deps.views, target));
  // Training Jobs view.
  registerCommand(context, ctx, 'vertexAI.trainingJobs.filter', (value?: TreeFilterValue) => filterView(deps.views, deps.ui(), 'vertexAI.trainingJobs', value));
  registerCommand(context, ctx, 'vertexAI.trainingJobs.clearFilter', () => clearViewFilter(deps.views, 'vertexAI.trainingJobs'));
  registerCommand(context, ctx, 'vertexAI.cancelJob', (target?: ItemTarget) => cancelJob(deps.views, deps.ui(), target));
  registerCommand(context, ctx, 'vertexAI.deleteJob', (target?: ItemTarget) => deleteJob(deps.views, deps.ui(), target));
  registerCommand(context, ctx, 'vertexAI.cancelBatchPrediction', (target?: ItemTarget) => cancelBatchJob(deps.views, deps.ui(), target));
  registerCommand(context, ctx, 'vertexAI.deleteBatchPrediction', (target?: ItemTarget) => deleteBatchJob(deps.views, deps.ui(), target));
  // Job logs (src/views/logs/).
  registerCommand(context, ctx, 'vertexAI.showLogs', (target?: JobTarget, request?: FollowRequest) => showLogs(deps.logs, deps.views.session, deps.ui(), target, request));
  registerCommand(context, ctx, 'vertexAI.showReplicaLogs', (target?: JobTarget, replica?: string) => showReplicaLogs(deps.logs, deps.views.session, deps.ui(), target, replica));
  registerCommand(context, ctx, 'vertexAI.stopStreaming', (target?: JobTarget) => stopStreaming(deps.logs, deps.ui(), target));
  // Models, Endpoints and Datasets views.
  for (const view of ['models', 'endpoints', 'datasets']) {
    registerCommand(context, ctx, `vertexAI.${view}.filter`, (value?: TreeFilterValue) => filterView(deps.views, deps.ui(), `vertexAI.${view}`, value));
    registerCommand(context, ctx, `vertexAI.${view}.clearFilter`, () => clearViewFilter(deps.views, `vertexAI.${view}`));
  }
  registerCommand(context, ctx, 'vertexAI.deleteModel', (target?: ItemTarget) => deleteModelCommand(deps.views, deps.ui(), target));
  registerCommand(context, ctx, 'vertexAI.deleteModelVersion', (target?: ItemTarget) => deleteModelVersionCommand(deps.views, deps.ui(), target));
  registerCommand(context, ctx, 'vertexAI.deleteEndpoint', (target?: ItemTarget, options?: { undeployFirst?: boolean }) => deleteEndpointCommand(deps.views, deps.ui(), target, options));
  registerCommand(context, ctx, 'vertexAI.deleteDataset', (target?: ItemTarget) => deleteDatasetCommand(deps.views, deps.ui(), target));
  // Projects, images and local runs (src/build/, src/scaffold/); submission builds local sections too.
  const buildOutput = new BuildOutput();
  context.subscriptions.push(buildOutput);
  const buildDeps = { session: deps.session, output: buildOutput, ui: deps.ui };
  // Job spec files and submission.
  const submitter = new TrainingJobSubmitter({
    session: deps.session, specs: deps.specs, log: deps.log,
    sessionClients: () => deps.views.session.clients(),
    afterSubmit: (job) => void afterSubmit(deps.views, (name) => deps.logs.follow(name), job, deps.log),
    prepareLocal: (uri, connection, progress) => prepareSpecForSubmit(buildDeps, uri, connection, progress),
  });
  context.subscriptions.push(submitter);
  registerCommand(context, ctx, 'vertexAI.submitTrainingJob', (target?: unknown) => submitter.submit(target));
  registerCommand(context, ctx, 'vertexAI.submitTrainingJobGuided', (target?: unknown, choices?: GuidedChoices) =>
    submitGuided({ session: deps.session, ui: deps.ui, submit: (spec) => submitter.submit(spec) }, target, choices));
  registerCommand(context, ctx, 'vertexAI.validateSpec', (target?: unknown) => validateSpec(deps.specs, target));
  registerCommand(context, ctx, 'vertexAI.copyGcloudCommand', (target?: unknown) => copyGcloudCommand(deps.specs, context.globalStorageUri, target));
  registerCommand(context, ctx, 'vertexAI.newTrainingProject', (options?: NewProjectOptions) => newTrainingProject(buildDeps, options));
  registerCommand(context, ctx, 'vertexAI.buildImage', (target?: unknown, options?: BuildImageOptions) => buildImage(buildDeps, target, options));
  registerCommand(context, ctx, 'vertexAI.runJobLocally', (target?: unknown, options?: RunLocallyOptions) => runJobLocally(buildDeps, target, options));
  registerCommand(context, ctx, 'vertexAI.showArtifactRegistryImages', (options?: ImagesOptions) => showArtifactRegistryImages(buildDeps, options));
  registerCommand(context, ctx, 'vertexAI.uploadFolder', (target?: unknown, destination?: string) => uploadFolder(buildDeps, target, destination));
  // Predictions and datasets: online and batch prediction, dataset creation and import.
  const predictionDocuments = new PredictionDocuments();
  context.subscriptions.push(predictionDocuments);
  const predictDeps = { views: deps.views, ui: deps.ui, documents: predictionDocuments };
  registerCommand(context, ctx, 'vertexAI.predict', (target?: ItemTarget, input?: PredictInput) => predictCommand(predictDeps, target, input));
  registerCommand(context, ctx, 'vertexAI.createBatchPrediction', (target?: ItemTarget, options?: BatchPredictionOptions) => createBatchPrediction(predictDeps, target, options));
  registerCommand(context, ctx, 'vertexAI.createDataset', (options?: DatasetOptions) => createDatasetCommand(predictDeps, options));
  registerCommand(context, ctx, 'vertexAI.importData', (target?: ItemTarget, options?: ImportOptions) => importDataCommand(predictDeps, target, options));
  // Models to endpoints: upload, deploy (followed again after a window reload), undeploy.
  const deployProgress = new DeployProgress(context.globalState);
  setDeployProgress(deployProgress);
  context.subscriptions.push(deployProgress, deployProgress.onDidChange(() => deps.views.tree('vertexAI.endpoints').reload()), { dispose: () => setDeployProgress(undefined) });
  const deployDeps = { views: deps.views, ui: deps.ui, log: deps.log, progress: deployProgress };
  registerCommand(context, ctx, 'vertexAI.uploadModel', (target?: unknown, options?: UploadModelOptions) => uploadModel(deployDeps, target, options));
  registerCommand(context, ctx, 'vertexAI.deployModel', (target?: ItemTarget, options?: DeployOptions) => deployModel(deployDeps, target, options));
  registerCommand(context, ctx, 'vertexAI.undeployModel', (target?: UndeployTarget, options?: { confirmed?: boolean }) => undeployModelCommand(deployDeps, target, options));
  // Only when a deployment was left running: the clients would otherwise load for nothing at startup.
  const resume = () => {
    if (deployProgress.all().length > 0) void deps.views.session.clients().then((clients) => resumeDeploys(deployDeps, clients), () => undefined);
  };
  resume();
  context.subscriptions.push(deps.views.session.onDidChange(resume));
}
