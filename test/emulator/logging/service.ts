import type { Emulator } from '../core/emulator';
import { invalidArgument, notFound } from '../core/errors';
import type { JsonObject, JsonValue } from '../core/json';
import { isJsonObject } from '../core/json';
import { paginate, withNextPage } from '../core/paging';
import { SEVERITY_LEVELS } from './filter';
import { logStoreOf } from './log-store';
import type { LogEntryJson, LogStore } from './log-store';
import { filterOf, isLogName, scopeOf } from './request-scope';
import { registerTail } from './tail';

const SERVICE = 'google.logging.v2.LoggingServiceV2';
const MAX_PAGE_SIZE = 1000;

/** Cloud Logging v2 (LoggingServiceV2) on both transports; REST has no TailLogEntries. */
export function registerLogging(emu: Emulator): void {
  const logs = logStoreOf(emu.store);
  emu.registry.service(SERVICE, {
    WriteLogEntries: async (req) => writeLogEntries(logs, req),
    ListLogEntries: async (req) => listLogEntries(emu, logs, req),
    ListLogs: async (req) => listLogs(emu, logs, req),
    DeleteLog: async (req) => deleteLog(logs, req),
  });
  registerTail(emu, `${SERVICE}.TailLogEntries`);
}

function writeLogEntries(logs: LogStore, req: JsonObject): JsonObject {
  const entries = Array.isArray(req.entries) ? req.entries : [];
  const complete = entries.map((raw, i) => completeEntry(req, raw, i));
  if (req.dryRun !== true) logs.write(complete);
  return {};
}

/** Fills an entry from the request's defaults (logName, resource, labels) and checks it. */
function completeEntry(req: JsonObject, raw: JsonValue, i: number): LogEntryJson {
  const entry: JsonObject = isJsonObject(raw) ? { ...raw } : {};
  const field = (name: string) => `entries[${i}].${name}`;
  const logName = entry.logName || req.logName;
  if (!isLogName(logName)) {
    const description = logName
      ? `Invalid log name "${String(logName)}": expected projects/[PROJECT_ID]/logs/[LOG_ID] with [LOG_ID] URL-encoded.`
      : 'A log name must be specified for each log entry.';
    throw invalidArgument(description, [{ field: field('log_name'), description }]);
  }
  entry.logName = logName;
  const resource = entry.resource ?? req.resource;
  if (!isJsonObject(resource) || typeof resource.type !== 'string' || resource.type === '') {
    const description = 'A monitored resource must be specified for each log entry.';
    throw invalidArgument(description, [{ field: field('resource'), description }]);
  }
  entry.resource = resource;
  const labels = { ...(isJsonObject(req.labels) ? req.labels : {}), ...(isJsonObject(entry.labels) ? entry.labels : {}) };
  if (Object.keys(labels).length > 0) entry.labels = labels;
  const severity = severityName(entry.severity);
  if (severity === undefined) {
    const description = `Invalid severity: ${JSON.stringify(entry.severity)}`;
    throw invalidArgument(description, [{ field: field('severity'), description }]);
  }
  // proto3 JSON leaves enum defaults out, as the API does for DEFAULT.
  if (severity === 'DEFAULT') delete entry.severity;
  else entry.severity = severity;
  const payloads = ['textPayload', 'jsonPayload', 'protoPayload'].filter((p) => entry[p] !== undefined);
  if (payloads.length > 1) {
    const description = `Only one payload may be set, got ${payloads.join(', ')}.`;
    throw invalidArgument(description, [{ field: field('payload'), description }]);
  }
  return entry as LogEntryJson;
}

function severityName(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return 'DEFAULT';
  if (typeof value === 'number') return Object.keys(SEVERITY_LEVELS).find((k) => SEVERITY_LEVELS[k] === value);
  const upper = String(value).toUpperCase();
  return upper in SEVERITY_LEVELS ? upper : undefined;
}

function listLogEntries(emu: Emulator, logs: LogStore, req: JsonObject): JsonObject {
  const inScope = scopeOf(emu.store, req.resourceNames);
  const matches = filterOf(req.filter);
  const orderBy = typeof req.orderBy === 'string' ? req.orderBy.trim().replace(/\s+/g, ' ').toLowerCase() : '';
  if (!['', 'timestamp', 'timestamp asc', 'timestamp desc'].includes(orderBy)) {
    const description = `Invalid order_by "${String(req.orderBy)}": only "timestamp asc" and "timestamp desc" are supported.`;
    throw invalidArgument(description, [{ field: 'order_by', description }]);
  }
  checkPageSize(req.pageSize);
  let found = logs.entries().filter((e) => inScope(e) && matches(e));
  if (orderBy === 'timestamp desc') found = [...found].reverse();
  const page = paginate(found, req, {
    defaultSize: 50,
    maxSize: MAX_PAGE_SIZE,
    query: JSON.stringify([req.resourceNames, req.filter ?? '', orderBy]),
  });
  const response: JsonObject = {};
  if (page.items.length > 0) response.entries = page.items as unknown as JsonValue[];
  return withNextPage(response, page);
}

function listLogs(emu: Emulator, logs: LogStore, req: JsonObject): JsonObject {
  const names = Array.isArray(req.resourceNames) && req.resourceNames.length > 0 ? req.resourceNames : [req.parent ?? ''];
  const inScope = scopeOf(emu.store, names, 'parent');
  checkPageSize(req.pageSize);
  const logNames = [...new Set(logs.entries().filter(inScope).map((e) => e.logName))].sort();
  const page = paginate(logNames, req, { defaultSize: MAX_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, query: JSON.stringify(names) });
  const response: JsonObject = {};
  if (page.items.length > 0) response.logNames = page.items;
  return withNextPage(response, page);
}

function deleteLog(logs: LogStore, req: JsonObject): JsonObject {
  if (!isLogName(req.logName)) {
    const description = `Invalid log name "${String(req.logName ?? '')}".`;
    throw invalidArgument(description, [{ field: 'log_name', description }]);
  }
  if (logs.deleteLog(req.logName) === 0) throw notFound(`Log ${req.logName} not found`);
  return {};
}

function checkPageSize(pageSize: JsonValue | undefined): void {
  const size = Number(pageSize ?? 0);
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    const description = `Invalid page size ${String(pageSize)}: it must be between 0 and ${MAX_PAGE_SIZE}.`;
    throw invalidArgument(description, [{ field: 'page_size', description }]);
  }
}
