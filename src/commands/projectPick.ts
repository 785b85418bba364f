import * as vscode from 'vscode';
import type { SessionState } from '../cloud/session';
import { ProjectListError, listProjects, openProjectAccess } from '../cloud/projects';
import type { ProjectAccess, ProjectList } from '../cloud/projects';
import { readSessionSettings } from '../views/sessionManager';
import type { PickItem, UserInput } from './userInput';

/** A project to switch to, or an item that only explains the list (choosing it does nothing). */
export type ProjectChoice = { kind: 'project'; id: string } | { kind: 'note' };

const RECENT_KEY = 'vertexAI.recentProjects';
const RECENT_MAX = 5;

/** Remembers the project switched to and the one left, most recent first. */
export async function rememberProject(memento: vscode.Memento, project: string, previous: string | undefined): Promise<void> {
  const recent = [project, previous, ...memento.get<string[]>(RECENT_KEY, [])].filter((p): p is string => !!p);
  await memento.update(RECENT_KEY, [...new Set(recent)].slice(0, RECENT_MAX));
}

/** What listing may use, or why it cannot list at all. */
async function accessFor(state: SessionState): Promise<ProjectAccess | string> {
  switch (state.kind) {
    case 'ready':
      return state.connection;
    case 'no-project': {
      try {
        return await openProjectAccess(readSessionSettings());
      } catch (err) {
        if (err instanceof ProjectListError) return err.message;
        throw err;
      }
    }
    default:
      return state.message;
  }
}

async function load(state: SessionState): Promise<ProjectList | string> {
  const access = await accessFor(state);
  if (typeof access === 'string') return access;
  try {
    return await listProjects(access);
  } catch (err) {
    if (err instanceof ProjectListError) return err.message;
    throw err;
  }
}

function note(label: string, detail?: string): PickItem<ProjectChoice> {
  return { label: `$(info) ${label}`, detail, alwaysShow: true, value: { kind: 'note' } };
}

/** Current first, then recent ones, then the rest by ID; a project outside the list still shows when it is current or recent. */
export function projectItems(listed: ProjectList | string, current: string | undefined, recent: readonly string[]): PickItem<ProjectChoice>[] {
  const projects = typeof listed === 'string' ? [] : listed.projects;
  const names = new Map(projects.map((p) => [p.projectId, p.displayName]));
  const first = [...new Set([current, ...recent].filter((p): p is string => !!p))];
  const rest = projects.map((p) => p.projectId).filter((id) => !first.includes(id));
  const items: PickItem<ProjectChoice>[] = [...first, ...rest].map((id) => ({
    label: id,
    description: names.get(id),
    detail: id === current ? vscode.l10n.t('Current project') : first.includes(id) ? vscode.l10n.t('Recently used') : undefined,
    picked: id === current,
    value: { kind: 'project', id },
  }));
  if (typeof listed === 'string') {
    items.push(note(vscode.l10n.t('Projects could not be listed. Type a project ID.'), listed));
  } else if (listed.truncated) {
    items.push(note(vscode.l10n.t('Only the first {0} projects are listed. Type a project ID to use another.', projects.length)));
  } else if (projects.length === 0) {
    items.push(note(vscode.l10n.t('No projects are visible to this account. Type a project ID.')));
  }
  return items;
}

/**
 * Asks for a project: the ones Resource Manager lists, with the pick busy while they load and
 * any typed ID accepted meanwhile and after. Returns undefined when cancelled.
 */
export async function pickProject(
  ui: UserInput,
  state: SessionState,
  recent: vscode.Memento | undefined,
  validate: (text: string) => string | undefined,
): Promise<string | undefined> {
  const current = state.kind === 'ready' ? state.connection.project : undefined;
  const recentIds = recent?.get<string[]>(RECENT_KEY, []) ?? [];
  const choice = await ui.pick(
    load(state).then((listed) => projectItems(listed, current, recentIds)),
    {
      title: vscode.l10n.t('Google Cloud project'),
      placeholder: vscode.l10n.t('Choose a project, or type a project ID'),
      freeText: (text): ProjectChoice | undefined => (validate(text) === undefined ? { kind: 'project', id: text } : undefined),
    },
  );
  return choice?.kind === 'project' ? choice.id : undefined;
}
