import * as vscode from 'vscode';
import type { SessionState } from '../cloud/session';
import type { SessionManager } from './sessionManager';

/** `project · region`; a click switches either. */
export function createStatusBar(session: SessionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('vertexAI.projectRegion', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Vertex AI Project and Region');
  item.command = 'vertexAI.switchProjectOrRegion';
  const render = (state: SessionState): void => {
    if (state.kind === 'ready') {
      const { project, region } = state.connection;
      item.text = `$(cloud) ${project} · ${region}`;
      item.tooltip = new vscode.MarkdownString(
        vscode.l10n.t('Vertex AI: project **{0}** ({1}), region **{2}** ({3}){4}. Click to change.', project, state.projectFrom, region, state.regionFrom, state.local ? vscode.l10n.t(', local endpoints') : ''),
      );
      item.backgroundColor = undefined;
    } else {
      item.text = `$(cloud) ${state.kind === 'no-project' ? vscode.l10n.t('Vertex AI: choose a project') : vscode.l10n.t('Vertex AI: not connected')}`;
      item.tooltip = state.message;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    item.show();
  };
  const sub = session.onDidChange(render);
  void session.state().then(render);
  return vscode.Disposable.from(item, sub);
}
