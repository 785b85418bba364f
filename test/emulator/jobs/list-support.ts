import type { Emulator } from '../core/emulator';
import { failedPrecondition, notFound } from '../core/errors';
import { cloneJson, isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';
import { compileFilter } from '../core/list-filter';
import { paginate, withNextPage } from '../core/paging';
import { parseLocation, parseResourceName } from '../core/resource-names';
import { TERMINAL_STATES } from './job-store';
import { newestFirst } from './list-index';

/** Fields Vertex AI job list filters accept. */
const JOB_FILTER_FIELDS = ['display_name', 'state', 'create_time', 'update_time', 'start_time', 'end_time', 'labels', 'name'];

/** Keeps only the fields of a `readMask` (`displayName,state`), as list/get with read_mask do. */
export function applyReadMask(resource: JsonObject, mask: unknown): JsonObject {
  if (typeof mask !== 'string' || !mask) return resource;
  const out: JsonObject = {};
  for (const path of mask.split(',')) {
    const segs = path.split('.');
    let src: JsonObject | undefined = resource;
    let dst = out;
    segs.forEach((seg, i) => {
      if (!src || !(seg in src)) {
        src = undefined;
        return;
      }
      if (i === segs.length - 1) dst[seg] = cloneJson(src[seg]);
      else {
        const next = src[seg];
        src = isJsonObject(next) ? next : undefined;
        if (!isJsonObject(dst[seg])) dst[seg] = {};
        dst = dst[seg] as JsonObject;
      }
    });
  }
  return out;
}

/** List a job collection of one location, newest first, with filter, paging and readMask. */
export function listJobs(emu: Emulator, kind: string, responseField: string, request: JsonObject): JsonObject {
  const parent = parseLocation(emu.store, request.parent);
  const pred = compileFilter(request.filter, { fields: JOB_FILTER_FIELDS });
  const prefix = `${parent.name}/${kind}/`;
  const query = `${kind}|${parent.name}|${String(request.filter ?? '')}`;
  const all = newestFirst(emu.store, kind, prefix, query, pred);
  const page = paginate(all, request, { defaultSize: 100, maxSize: 1000, query });
  // Both transports copy while converting, so stored jobs go out without a clone here.
  return withNextPage({ [responseField]: page.items.map((j) => applyReadMask(j, request.readMask)) }, page);
}

/** The stored job named by `request.name`, or the API's NOT_FOUND. */
export function getJob(emu: Emulator, kind: string, label: string, nameValue: unknown): JsonObject {
  const { name } = parseResourceName(emu.store, nameValue, kind);
  const job = emu.store.collection<JsonObject>(kind).get(name);
  if (!job) throw notFound(`The ${label} does not exist.`);
  return job;
}

/** Delete as an LRO; a job that has not finished cannot be deleted. */
export function deleteJob(emu: Emulator, kind: string, label: string, nameValue: unknown): JsonObject {
  const job = getJob(emu, kind, label, nameValue);
  const name = String(job.name);
  if (!TERMINAL_STATES.has(String(job.state))) {
    throw failedPrecondition(`The ${label} ${name} is in state ${String(job.state)} and cannot be deleted. Cancel it first, or wait until it ends.`);
  }
  emu.store.remove(kind, name);
  const owner = name.split('/').slice(0, 4).join('/');
  return emu.operations.done(
    owner,
    { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata', genericMetadata: emu.operations.genericMetadata() },
    { '@type': 'type.googleapis.com/google.protobuf.Empty' },
  );
}
