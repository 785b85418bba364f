import * as vscode from 'vscode';
import type { SessionState } from '../cloud/session';
import { ProjectListError, ProjectLister, openProjectAccess } from '../cloud/projects';
import type { ProjectAccess, ProjectList } from '../cloud/projects';
import type { SessionManager } from '../views/sessionManager';
import { readSessionSettings } from '../views/sessionManager';
import type { PickItem, UserInput } from './userInput';

/** What choosing an item that explains the list does, if anything. */
export type NoteAction = { kind: 'sign-in' } | { kind: 'open'; url: string };

/** A project to switch to, or an item that explains the list. */
export type ProjectChoice = { kind: 'project'; id: string } | { kind: 'note'; action?: NoteAction };

/** Why no projects are listed, and what would let them be. */
export interface Unlisted {
  message: string;
  action?: NoteAction;
}

const RECENT_KEY = 'vertexAI.recentProjects';
const RECENT_MAX = 5;

/** Remembers the project switched to and the one left, most recent first. */
export async function rememberProject(memento: vscode.Memento, project: string, previous: string | undefined): Promise<void> {
  const recent = [project, previous, ...memento.get<string[]>(RECENT_KEY, [])].filter((p): p is string => !!p);
  await memento.update(RECENT_KEY, [...new Set(recent)].slice(0, RECENT_MAX));
}

function unlisted(err: ProjectListError): Unlisted {
  if (err.problem === 'sign-in') return { message: err.message, action: { kind: 'sign-in' } };
  if (err.problem === 'api-disabled' && err.enableUrl) return { message: err.message, action: { kind: 'open', url: err.enableUrl } };
  return { message: err.message };
}

/**
 * The project lister of the current session: one Resource Manager client per session,
 * closed when the session changes (sign-in, settings, a switch) or the extension ends.
 */
export class SessionProjects implements vscode.Disposable {
  private cached: { state: SessionState; lister: ProjectLister } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(session: SessionManager) {
    this.subscription = session.onDidChange((state) => {
      if (this.cached?.state !== state) this.drop();
    });
  }

  async list(state: SessionState): Promise<ProjectList | Unlisted> {
    try {
      const lister = await this.listerFor(state);
      return lister instanceof ProjectLister ? await lister.list() : lister;
    } catch (err) {
      if (err instanceof ProjectListError) return unlisted(err);
      throw err;
    }
  }

  /** The lister for this state, or why this state cannot list at all. */
  private async listerFor(state: SessionState): Promise<ProjectLister | Unlisted> {
    if (this.cached?.state === state) return this.cached.lister;
    let access: ProjectAccess;
    switch (state.kind) {
      case 'ready':
        access = state.connection;
        break;
      case 'no-project':
        access = await openProjectAccess(readSessionSettings());
        break;
      case 'credentials':
        return { message: state.message, action: state.reason === 'signed-out' || state.reason === 'expired' ? { kind: 'sign-in' } : undefined };
      default:
        return { message: state.message };
    }
    this.drop();
    this.cached = { state, lister: new ProjectLister(access) };
    return this.cached.lister;
  }

  private drop(): void {
    void this.cached?.lister.close();
    this.cached = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.drop();
  }
}

function note(label: string, detail?: string, action?: NoteAction): PickItem<ProjectChoice> {
  return { label, detail, alwaysShow: true, value: { kind: 'note', action } };
}

function unlistedNote(reason: Unlisted): PickItem<ProjectChoice> {
  switch (reason.action?.kind) {
    case 'sign-in':
      return note(`$(sign-in) ${vscode.l10n.t('Sign in to list your projects')}`, reason.message, reason.action);
    case 'open':
      return note(`$(link-external) ${vscode.l10n.t('Enable the Cloud Resource Manager API to list your projects')}`, reason.message, reason.action);
    default:
      return note(`$(info) ${vscode.l10n.t('Projects could not be listed. Type a project ID.')}`, reason.message);
  }
}

/** Current first, then recent ones, then the rest by ID; a project outside the list still shows when it is current or recent. */
export function projectItems(listed: ProjectList | Unlisted, current: string | undefined, recent: readonly string[]): PickItem<ProjectChoice>[] {
  const projects = 'message' in listed ? [] : listed.projects;
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
  if ('message' in listed) {
    items.push(unlistedNote(listed));
  } else if (listed.truncated) {
    items.push(note(`$(info) ${vscode.l10n.t('Only the first {0} projects are listed. Type a project ID to use another.', projects.length)}`));
  } else if (projects.length === 0) {
    items.push(note(`$(info) ${vscode.l10n.t('No projects are visible to this account. Type a project ID.')}`));
  }
  return items;
}

/**
 * Asks for a project: the ones Resource Manager lists, with the pick busy while they load and
 * any typed ID accepted meanwhile and after. Choosing the item that explains an empty list
 * signs in or opens the page that enables the API. Returns undefined when no project was chosen.
 */
export async function pickProject(
  ui: UserInput,
  state: SessionState,
  projects: SessionProjects,
  recent: vscode.Memento | undefined,
  validate: (text: string) => string | undefined,
): Promise<string | undefined> {
  const current = state.kind === 'ready' ? state.connection.project : undefined;
  const recentIds = recent?.get<string[]>(RECENT_KEY, []) ?? [];
  const choice = await ui.pick(
    projects.list(state).then((listed) => projectItems(listed, current, recentIds)),
    {
      title: vscode.l10n.t('Google Cloud project'),
      placeholder: vscode.l10n.t('Choose a project, or type a project ID'),
      freeText: (text): ProjectChoice | undefined => (validate(text) === undefined ? { kind: 'project', id: text } : undefined),
    },
  );
  if (choice?.kind === 'project') return choice.id;
  const action = choice?.action;
  if (action?.kind === 'sign-in') await vscode.commands.executeCommand('vertexAI.signIn');
  else if (action?.kind === 'open') await vscode.env.openExternal(vscode.Uri.parse(action.url));
  return undefined;
}
