import type { Emulator } from '../core/emulator';
import { failedPrecondition, notFound } from '../core/errors';
import { cloneJson, isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';
import { parseRfc3339 } from '../core/clock';
import { compileFilter } from '../core/list-filter';
import { paginate, withNextPage } from '../core/paging';
import { parseLocation, parseResourceName } from '../core/resource-names';
import { TERMINAL_STATES } from './job-store';

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
  // Sort keys are computed once per job: parsing timestamps inside the comparator made 10,000-job lists slow.
  const all = [...emu.store.collection<JsonObject>(kind).entries()]
    .filter(([name, job]) => name.startsWith(prefix) && pred(job))
    .map(([name, job]) => ({ job, name, t: parseRfc3339(String(job.createTime ?? '')) ?? 0 }))
    .sort((a, b) => b.t - a.t || (a.name < b.name ? 1 : -1))
    .map((x) => x.job);
  const page = paginate(all, request, { defaultSize: 100, maxSize: 1000, query: `${kind}|${parent.name}|${String(request.filter ?? '')}` });
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
