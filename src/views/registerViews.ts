import type * as vscode from 'vscode';
import { DatasetsTreeProvider } from './datasets/datasetsTreeProvider';
import { EndpointsTreeProvider } from './endpoints/endpointsTreeProvider';
import { ModelsTreeProvider } from './models/modelsTreeProvider';
import type { SessionManager } from './sessionManager';
import { ResourceDocumentProvider } from './tree/resourceDocument';
import { SessionClients } from './tree/sessionClients';
import { ResourceViewRegistry } from './tree/viewRegistry';
import { TrainingJobsTreeProvider } from './trainingJobs/trainingJobsTreeProvider';

export type ResourceViews = ResourceViewRegistry;

/** Every resource view, one line each. */
export function registerViews(context: vscode.ExtensionContext, session: SessionManager): ResourceViews {
  const clients = new SessionClients(session);
  const views = new ResourceViewRegistry(clients, new ResourceDocumentProvider(clients));
  context.subscriptions.push(views);
  views.add(new TrainingJobsTreeProvider(clients));
  views.add(new DatasetsTreeProvider(clients));
  views.add(new ModelsTreeProvider(clients));
  views.add(new EndpointsTreeProvider(clients));
  return views;
}
