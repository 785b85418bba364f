import * as vscode from 'vscode';
import type { SessionClients } from '../tree/sessionClients';
import { LOG_LANGUAGE, LogStreams } from './logStreams';
import { TracebackLinkProvider } from './tracebackLinks';

/** Job log channels and the traceback links in them. */
export function registerLogViews(context: vscode.ExtensionContext, session: SessionClients, log: vscode.LogOutputChannel): LogStreams {
  const logs = new LogStreams(session, log);
  const links = new TracebackLinkProvider();
  context.subscriptions.push(
    logs,
    vscode.languages.registerDocumentLinkProvider({ language: LOG_LANGUAGE }, links),
    vscode.workspace.onDidCloseTextDocument((document) => links.forget(document)),
  );
  return logs;
}
