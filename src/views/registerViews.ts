import type * as vscode from 'vscode';
import type { ViewHost } from '../core/featureContract';
import { DatasetsTreeProvider } from './datasets/datasetsTreeProvider';
import { EndpointsTreeProvider } from './endpoints/endpointsTreeProvider';
import { ModelsTreeProvider } from './models/modelsTreeProvider';
import type { SessionManager } from './sessionManager';
import { ResourceDocumentProvider } from './tree/resourceDocument';
import { SessionClients } from './tree/sessionClients';
import { ResourceViewRegistry } from './tree/viewRegistry';
import { TrainingJobsTreeProvider } from './trainingJobs/trainingJobsTreeProvider';

export type ResourceViews = ResourceViewRegistry;

/** Every resource view, one line each; the core created their TreeViews at activation. */
export function registerViews(context: vscode.ExtensionContext, session: SessionManager, host: ViewHost): ResourceViews {
  const clients = new SessionClients(session);
  const views = new ResourceViewRegistry(clients, new ResourceDocumentProvider(clients));
  context.subscriptions.push(views);
  const providers = [new TrainingJobsTreeProvider(clients), new DatasetsTreeProvider(clients), new ModelsTreeProvider(clients), new EndpointsTreeProvider(clients)];
  for (const provider of providers) views.add(provider).attach(host.connect(provider.viewId, provider));
  return views;
}
