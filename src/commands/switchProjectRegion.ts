import * as vscode from 'vscode';
import { knownRegions, offerDisplayName } from '../jobs/hardware-catalog';
import type { SessionManager } from '../views/sessionManager';
import type { SessionProjects } from './projectPick';
import { pickProject, rememberProject } from './projectPick';
import type { UserInput } from './userInput';

export interface ProjectRegionTarget {
  project?: string;
  region?: string;
}

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function validateProjectId(text: string): string | undefined {
  // Legacy domain-scoped projects look like "example.com:my-project".
  const id = text.includes(':') ? text.split(':').pop() ?? '' : text;
  return PROJECT_ID.test(id) ? undefined : vscode.l10n.t('A project ID has 6 to 30 lowercase letters, digits or hyphens, starts with a letter and does not end with a hyphen.');
}

/** Writes where the user keeps the setting: the workspace if it is set there, else the user settings. */
async function update(key: 'project' | 'region', value: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('vertexAI');
  const inspected = config.inspect<string>(key);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

function regionDetail(offers: string[]): string {
  const names = offers.map(offerDisplayName).filter((n, i, all) => all.indexOf(n) === i);
  return names.length > 0 ? names.join(', ') : vscode.l10n.t('CPU only');
}

/** What the switch works with; `recent` keeps the projects switched to, offered first next time. */
export interface SwitchDeps {
  ui: UserInput;
  session: SessionManager;
  projects: SessionProjects;
  recent?: vscode.Memento;
}

/**
 * `vertexAI.switchProjectOrRegion(target?)`: with a target it sets it without asking;
 * otherwise it asks which to change (just the project when none is set), then for the new value.
 */
export async function switchProjectOrRegion(deps: SwitchDeps, target?: ProjectRegionTarget): Promise<void> {
  const { ui, session, recent } = deps;
  if (target?.project !== undefined || target?.region !== undefined) {
    const bad = target.project !== undefined ? validateProjectId(target.project) : undefined;
    if (bad) throw new Error(bad);
    if (target.region !== undefined && !knownRegions().some((r) => r.id === target.region)) {
      throw new Error(vscode.l10n.t('"{0}" is not a Vertex AI training region.', target.region));
    }
    if (target.project !== undefined) {
      const before = await session.state();
      await update('project', target.project);
      if (recent) await rememberProject(recent, target.project, before.kind === 'ready' ? before.connection.project : undefined);
    }
    if (target.region !== undefined) await update('region', target.region);
    await session.reopen();
    return;
  }
  const state = await session.state();
  const current = state.kind === 'ready' ? state.connection : undefined;
  const which = state.kind === 'no-project' ? 'project' : await ui.pick(
    [
      { label: vscode.l10n.t('Change Project'), description: current?.project, value: 'project' as const },
      { label: vscode.l10n.t('Change Region'), description: current?.region, value: 'region' as const },
    ],
    { title: vscode.l10n.t('Vertex AI: Project and Region') },
  );
  if (which === 'project') {
    const project = await pickProject(ui, state, deps.projects, recent, validateProjectId);
    if (project) await switchProjectOrRegion(deps, { project });
  } else if (which === 'region') {
    const region = await ui.pick(
      knownRegions().map((r) => ({ label: r.id, description: r.label, detail: r.offersListed ? regionDetail(r.offers) : vscode.l10n.t('Accelerators not listed for this region'), picked: r.id === current?.region, value: r.id })),
      { title: vscode.l10n.t('Vertex AI region'), placeholder: vscode.l10n.t('Regions and the accelerators they offer for custom training') },
    );
    if (region) await switchProjectOrRegion(deps, { region });
  }
}
