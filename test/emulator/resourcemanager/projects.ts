import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import { invalidArgument, permissionDenied } from '../core/errors';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { projectNumber } from '../core/resource-names';

/** Resource Manager v3 `Project` messages, keyed by project number. */
export const PROJECTS = 'resourcemanager.projects';

export interface ProjectInput {
  projectId: string;
  displayName: string;
  /** `organizations/{id}` or `folders/{id}` */
  parent: string;
  state?: 'ACTIVE' | 'DELETE_REQUESTED';
  labels?: Record<string, string>;
  createTime?: Date;
}

export function putProject(emu: Emulator, input: ProjectInput): JsonObject {
  const number = projectNumber(emu.store, input.projectId);
  const time = rfc3339(input.createTime ?? emu.clock.now());
  const project: JsonObject = {
    name: `projects/${number}`,
    parent: input.parent,
    projectId: input.projectId,
    state: input.state ?? 'ACTIVE',
    displayName: input.displayName,
    createTime: time,
    updateTime: time,
    etag: `W/"${number}"`,
    labels: { ...input.labels },
  };
  if (project.state === 'DELETE_REQUESTED') project.deleteTime = time;
  emu.store.put(PROJECTS, number, project);
  return project;
}

export function allProjects(emu: Emulator): JsonObject[] {
  return [...emu.store.collection<JsonObject>(PROJECTS).values()];
}

/**
 * A project by `projects/{id or number}`. Like the API, a project that does not exist and one
 * the caller may not see give the same PERMISSION_DENIED.
 */
export function findProject(emu: Emulator, name: string): JsonObject {
  const key = name.replace(/^projects\//, '');
  const found = allProjects(emu).find((p) => p.projectId === key || p.name === `projects/${key}`);
  if (!found) throw permissionDenied(`Permission denied on resource '${name}' (or it may not exist).`);
  return cloneJson(found);
}

type Field = 'id' | 'displayName' | 'state' | 'parent' | 'parent.type' | 'parent.id' | `labels.${string}`;

const ALIASES: Record<string, Field> = {
  id: 'id',
  projectid: 'id',
  displayname: 'displayName',
  name: 'displayName',
  state: 'state',
  lifecyclestate: 'state',
  parent: 'parent',
  'parent.type': 'parent.type',
  'parent.id': 'parent.id',
};

function fieldValue(p: JsonObject, field: Field): string | undefined {
  const parent = String(p.parent ?? '');
  switch (field) {
    case 'id':
      return String(p.projectId);
    case 'displayName':
      return String(p.displayName ?? '');
    case 'state':
      return String(p.state);
    case 'parent':
      return parent;
    case 'parent.type':
      return parent.startsWith('folders/') ? 'folder' : 'organization';
    case 'parent.id':
      return parent.split('/')[1];
    default:
      return (p.labels as Record<string, string> | undefined)?.[field.slice('labels.'.length)];
  }
}

const TERM = /\s*([A-Za-z.][\w.-]*)\s*([:=])\s*("([^"]*)"|[^\s"]+)\s*/y;

/**
 * The search/filter syntax both API versions share: space-separated `field:value` (or `=`)
 * terms that must all hold (gcloud's `--filter` adds `AND` and parentheses), case-insensitive, `*` at the end of a value for a prefix.
 * `state`/`lifecycleState`, `id`/`projectId`, `displayName`/`name`, `parent`,
 * `parent.type`, `parent.id` and `labels.KEY` are known; anything else is INVALID_ARGUMENT.
 */
export function compileProjectQuery(query: string, field = 'query'): (p: JsonObject) => boolean {
  const tests: Array<(p: JsonObject) => boolean> = [];
  TERM.lastIndex = 0;
  const text = query.replace(/[()]/g, ' ').replace(/\s+AND\s+/g, ' ').trim();
  while (TERM.lastIndex < text.length) {
    const start = TERM.lastIndex;
    const m = TERM.exec(text);
    if (!m || m.index !== start) throw invalidArgument(`Invalid ${field}: ${query}`, [{ field, description: `Cannot parse "${text.slice(start)}".` }]);
    const key = m[1].toLowerCase();
    const name: Field | undefined = key.startsWith('labels.') ? (`labels.${m[1].slice('labels.'.length)}` as Field) : ALIASES[key];
    if (!name) throw invalidArgument(`Invalid ${field}: unknown field "${m[1]}".`, [{ field, description: `Unknown field "${m[1]}".` }]);
    const raw = (m[4] ?? m[3]).toLowerCase();
    const prefix = raw.endsWith('*');
    const want = prefix ? raw.slice(0, -1) : raw;
    tests.push((p) => {
      const have = fieldValue(p, name)?.toLowerCase();
      return have !== undefined && (prefix ? have.startsWith(want) : have === want);
    });
  }
  return (p) => tests.every((t) => t(p));
}

/** The v1 `Project` gcloud reads: `lifecycleState`, `name` for the display name, a typed parent. */
export function toV1Project(p: JsonObject): JsonObject {
  const [kind, id] = String(p.parent ?? '').split('/');
  const v1: JsonObject = {
    projectNumber: String(p.name).slice('projects/'.length),
    projectId: p.projectId,
    lifecycleState: p.state,
    name: p.displayName,
    createTime: p.createTime,
    labels: cloneJson(p.labels ?? {}),
  };
  if (kind && id) v1.parent = { type: kind === 'folders' ? 'folder' : 'organization', id };
  return v1;
}
