import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emulator } from '../core/emulator';
import { ApiError } from '../core/errors';
import { projectNumber } from '../core/resource-names';
import type { JsonObject } from '../core/json';
import type { CallContext } from '../core/registry';
import { logStoreOf } from './log-store';
import { registerLogging } from './service';

const SERVICE = 'google.logging.v2.LoggingServiceV2';

function setup() {
  const emu = new Emulator();
  registerLogging(emu);
  const aborter = new AbortController();
  const ctx = (method: string): CallContext => ({ method, transport: 'grpc', metadata: {}, emu, signal: aborter.signal });
  const call = (name: string, request: JsonObject): Promise<JsonObject> => {
    const reg = emu.registry.lookup(`${SERVICE}.${name}`);
    if (reg?.kind !== 'unary') throw new Error(`${name} is not unary`);
    return reg.handler(request, ctx(`${SERVICE}.${name}`));
  };
  return { emu, call, ctx, aborter };
}

const jobLine = (jobId: string, message: string, severity = 'INFO'): JsonObject => ({
  logName: 'projects/p/logs/workerpool0-0',
  resource: { type: 'ml_job', labels: { project_id: 'p', job_id: jobId, task_name: 'workerpool0-0' } },
  severity,
  jsonPayload: { message },
});

test('write fills defaults from the request and list filters, orders and pages', async () => {
  const { call } = setup();
  await call('WriteLogEntries', {
    logName: 'projects/p/logs/workerpool0-0',
    resource: { type: 'ml_job', labels: { job_id: '1' } },
    labels: { shared: 'yes' },
    entries: [
      { textPayload: 'one', timestamp: '2026-01-01T00:00:01Z' },
      { textPayload: 'two', timestamp: '2026-01-01T00:00:02Z', labels: { own: 'x' } },
      { textPayload: 'three', timestamp: '2026-01-01T00:00:03Z', severity: 'ERROR' },
    ],
  });
  await call('WriteLogEntries', { entries: [jobLine('2', 'other job')] });

  const asc = await call('ListLogEntries', { resourceNames: ['projects/p'], filter: 'resource.labels.job_id="1"', pageSize: 2 });
  const first = asc.entries as JsonObject[];
  assert.deepEqual(first.map((e) => e.textPayload), ['one', 'two']);
  assert.deepEqual(first[1].labels, { shared: 'yes', own: 'x' });
  assert.equal(first[0].resource && (first[0].resource as JsonObject).type, 'ml_job');
  assert.equal(first[0].severity, undefined);
  assert.ok(asc.nextPageToken);
  const rest = await call('ListLogEntries', {
    resourceNames: ['projects/p'],
    filter: 'resource.labels.job_id="1"',
    pageSize: 2,
    pageToken: asc.nextPageToken,
  });
  assert.deepEqual((rest.entries as JsonObject[]).map((e) => e.textPayload), ['three']);
  assert.equal(rest.nextPageToken, undefined);

  const desc = await call('ListLogEntries', { resourceNames: ['projects/p'], filter: 'severity>=WARNING OR textPayload:one', orderBy: 'timestamp desc' });
  assert.deepEqual((desc.entries as JsonObject[]).map((e) => e.textPayload), ['three', 'one']);
});

test('list sees only the projects it names, by id or number', async () => {
  const { call, emu } = setup();
  await call('WriteLogEntries', { entries: [jobLine('1', 'in p'), { ...jobLine('1', 'in q'), logName: 'projects/q/logs/x' }] });
  const none = await call('ListLogEntries', { resourceNames: ['projects/elsewhere'] });
  assert.deepEqual(none, {});
  const byNumber = await call('ListLogEntries', { resourceNames: [`projects/${projectNumber(emu.store, 'q')}`] });
  assert.deepEqual((byNumber.entries as JsonObject[]).map((e) => (e.jsonPayload as JsonObject).message), ['in q']);
});

test('bad requests get INVALID_ARGUMENT, with field violations except for filters', async () => {
  const { call } = setup();
  const rejects = async (name: string, request: JsonObject, field: string | undefined, message: RegExp) => {
    await assert.rejects(call(name, request), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 'INVALID_ARGUMENT');
      assert.match(e.message, message);
      if (field === undefined) assert.deepEqual(e.details, []);
      else assert.equal(((e.details[0].fieldViolations as JsonObject[])[0] as JsonObject).field, field);
      return true;
    });
  };
  await rejects('WriteLogEntries', { entries: [{ textPayload: 'x', logName: 'projects/p/logs/a' }] }, 'entries[0].resource', /monitored resource must be specified/);
  await rejects('WriteLogEntries', { entries: [{ textPayload: 'x', resource: { type: 'global' } }] }, 'entries[0].log_name', /log name/);
  await rejects('WriteLogEntries', { entries: [{ ...jobLine('1', 'x'), severity: 'LOUD' }] }, 'entries[0].severity', /severity/);
  await rejects('ListLogEntries', { resourceNames: [] }, 'resource_names', /resource name/);
  await rejects('ListLogEntries', { resourceNames: ['projects/p'], filter: 'severity>=' }, undefined, /^Unparseable filter: syntax error at line 1, column 11, token '<EOF>'$/);
  await rejects('ListLogEntries', { resourceNames: ['projects/p'], orderBy: 'severity' }, 'order_by', /order_by/);
  await rejects('ListLogEntries', { resourceNames: ['projects/p'], pageSize: 1001 }, 'page_size', /page size/);
});

test('dryRun checks without storing; numeric severities become names', async () => {
  const { call, emu } = setup();
  await call('WriteLogEntries', { dryRun: true, entries: [jobLine('1', 'dry')] });
  assert.equal(logStoreOf(emu.store).entries().length, 0);
  await call('WriteLogEntries', { entries: [{ ...jobLine('1', 'wet'), severity: 400 }] });
  assert.equal(logStoreOf(emu.store).entries()[0].severity, 'WARNING');
});

test('ListLogs and DeleteLog', async () => {
  const { call } = setup();
  await call('WriteLogEntries', { entries: [jobLine('1', 'a'), { ...jobLine('1', 'b'), logName: 'projects/p/logs/other' }] });
  assert.deepEqual(await call('ListLogs', { parent: 'projects/p' }), { logNames: ['projects/p/logs/other', 'projects/p/logs/workerpool0-0'] });
  assert.deepEqual(await call('DeleteLog', { logName: 'projects/p/logs/other' }), {});
  assert.deepEqual(await call('ListLogs', { parent: 'projects/p' }), { logNames: ['projects/p/logs/workerpool0-0'] });
  await assert.rejects(call('DeleteLog', { logName: 'projects/p/logs/other' }), (e: unknown) => e instanceof ApiError && e.status === 'NOT_FOUND');
});

async function* messages(...items: JsonObject[]): AsyncIterable<JsonObject> {
  yield* items;
}

function tail(emu: Emulator, ctx: CallContext, request: JsonObject, out: JsonObject[]): Promise<void> {
  const reg = emu.registry.lookup(`${SERVICE}.TailLogEntries`);
  if (reg?.kind !== 'bidi') throw new Error('TailLogEntries is not bidi');
  return reg.handler(messages(request), ctx, { write: (m) => out.push(m) });
}

test('tail sends matching entries as they are written until the client cancels', async () => {
  const { emu, ctx, aborter, call } = setup();
  await call('WriteLogEntries', { entries: [jobLine('1', 'before the tail')] });
  const got: JsonObject[] = [];
  const done = tail(emu, ctx(`${SERVICE}.TailLogEntries`), { resourceNames: ['projects/p'], filter: 'resource.labels.job_id="1"' }, got);
  await new Promise((r) => setImmediate(r));
  await call('WriteLogEntries', { entries: [jobLine('1', 'a'), jobLine('2', 'not mine'), jobLine('1', 'b')] });
  await call('WriteLogEntries', { entries: [jobLine('1', 'c')] });
  aborter.abort();
  await done;
  const batches = got.map((m) => (m.entries as JsonObject[]).map((e) => (e.jsonPayload as JsonObject).message));
  assert.deepEqual(batches, [['a', 'b'], ['c']]);
});

test('tail ends with UNAVAILABLE after N entries when that fault is on', async () => {
  const { emu, ctx, call } = setup();
  emu.faults.tailDropAfterEntries = 2;
  const got: JsonObject[] = [];
  const done = tail(emu, ctx(`${SERVICE}.TailLogEntries`), { resourceNames: ['projects/p'] }, got);
  await new Promise((r) => setImmediate(r));
  await call('WriteLogEntries', { entries: [jobLine('1', 'a'), jobLine('1', 'b'), jobLine('1', 'c')] });
  await assert.rejects(done, (e: unknown) => e instanceof ApiError && e.status === 'UNAVAILABLE');
  assert.deepEqual(got.map((m) => (m.entries as JsonObject[]).length), [2]);
});

test('emulator stop ends open tails', async () => {
  const { emu, ctx } = setup();
  const done = tail(emu, ctx(`${SERVICE}.TailLogEntries`), { resourceNames: ['projects/p'] }, []);
  await new Promise((r) => setImmediate(r));
  await emu.stop();
  await done;
});
