import * as vscode from 'vscode';
import type { SessionManager } from '../views/sessionManager';
import type * as GuidedFlowModule from './guidedFlow';
import type { GuidedChoices } from './guidedFlow';
import { uriArgument } from './specTarget';
import type { UserInput } from './userInput';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const guidedFlow = (): typeof GuidedFlowModule => require('./guidedFlow') as typeof GuidedFlowModule;

export interface SubmitGuidedDeps {
  session: SessionManager;
  ui: () => UserInput;
  submit(spec: vscode.Uri): Promise<string | undefined>;
}

/**
 * `vertexAI.submitTrainingJobGuided(uri?, choices?)`: for a folder or a .py file (the argument, else
 * the active Python file, else the workspace folder), asks for what `choices` leaves out, writes a
 * `.vertex.yaml` beside the code and submits it. Returns the job's resource name.
 */
export async function submitGuided(deps: SubmitGuidedDeps, target?: unknown, choices: GuidedChoices = {}): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    throw new Error(vscode.l10n.t('Submitting a job sends code from this workspace to Google Cloud, so it needs a trusted workspace. Trust the workspace, then submit again.'));
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const uri = uriArgument(target) ?? (active?.path.endsWith('.py') ? active : vscode.workspace.workspaceFolders?.[0]?.uri);
  if (uri === undefined) throw new Error(vscode.l10n.t('Open a folder, or right-click a folder or a Python file, to submit its code.'));
  const state = await deps.session.state();
  if (state.kind !== 'ready') throw new Error(state.message);
  return guidedFlow().runGuidedSubmit({ ui: deps.ui(), connection: state.connection, submit: deps.submit }, uri, choices);
}
