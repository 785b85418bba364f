import { createHash } from 'node:crypto';
import type { Store } from '../state/store';
import { invalidArgument } from './errors';

/**
 * The API answers with project numbers in resource names (`projects/123456789012/...`)
 * whatever the caller wrote. Numbers are derived from the id, so they are stable across
 * runs, and remembered so logs can name the project id again.
 */
interface ProjectRecord {
  projectId: string;
  projectNumber: string;
}
const PROJECTS = 'projects';

export function projectNumber(store: Store, projectIdOrNumber: string): string {
  if (/^\d+$/.test(projectIdOrNumber)) return projectIdOrNumber;
  const digest = createHash('sha256').update(projectIdOrNumber).digest();
  const number = String(100_000_000_000 + (digest.readUInt32BE(0) * 97 + digest.readUInt16BE(4)) % 899_999_999_999);
  const projects = store.collection<ProjectRecord>(PROJECTS);
  if (!projects.has(number)) store.put<ProjectRecord>(PROJECTS, number, { projectId: projectIdOrNumber, projectNumber: number });
  return number;
}

/** The project id for a number seen before, else the number itself. */
export function projectId(store: Store, projectIdOrNumber: string): string {
  return store.collection<ProjectRecord>(PROJECTS).get(projectIdOrNumber)?.projectId ?? projectIdOrNumber;
}

export interface LocationName {
  /** `projects/{number}/locations/{location}` */
  name: string;
  projectNumber: string;
  projectId: string;
  location: string;
}

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** Parses `projects/{p}/locations/{l}`; `field` names the request field in errors. */
export function parseLocation(store: Store, value: unknown, field = 'parent'): LocationName {
  const parts = typeof value === 'string' ? value.split('/') : [];
  if (parts.length !== 4 || parts[0] !== 'projects' || parts[2] !== 'locations' || !SEGMENT.test(parts[1]) || !SEGMENT.test(parts[3])) {
    throw invalidArgument(`Invalid ${field}: ${String(value ?? '')}`, [
      { field, description: `Invalid resource name: ${String(value ?? '')}` },
    ]);
  }
  const number = projectNumber(store, parts[1]);
  return { name: `projects/${number}/locations/${parts[3]}`, projectNumber: number, projectId: projectId(store, parts[1]), location: parts[3] };
}

export interface ResourceName {
  /** Canonical: `projects/{number}/locations/{location}/{collection}/{id}` */
  name: string;
  parent: LocationName;
  collection: string;
  id: string;
}

/** Parses `projects/{p}/locations/{l}/{collection}/{id}` (e.g. collection `customJobs`). */
export function parseResourceName(store: Store, value: unknown, collection: string, field = 'name'): ResourceName {
  const parts = typeof value === 'string' ? value.split('/') : [];
  if (parts.length !== 6 || parts[4] !== collection || !SEGMENT.test(parts[5])) {
    throw invalidArgument(`Invalid ${field}: ${String(value ?? '')}`, [
      { field, description: `Invalid resource name: ${String(value ?? '')}` },
    ]);
  }
  const parent = parseLocation(store, parts.slice(0, 4).join('/'), field);
  return { name: `${parent.name}/${collection}/${parts[5]}`, parent, collection, id: parts[5] };
}

/** Replaces a project id in any resource name with its number. */
export function canonicalName(store: Store, name: string): string {
  const parts = name.split('/');
  if (parts[0] === 'projects' && parts.length > 1) parts[1] = projectNumber(store, parts[1]);
  return parts.join('/');
}
