import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { Logging } from '@google-cloud/logging';
import type { AbortableDuplex, Entry, LoggingOptions } from '@google-cloud/logging';
import { OAuth2Client } from 'google-auth-library';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/core/emulator';
import { logStoreOf } from '../emulator/logging/log-store';
import type { LogEntryJson } from '../emulator/logging/log-store';
import { createGcloudHarness } from './gcloud-harness';
import type { GcloudHarness } from './gcloud-harness';

const PROJECT = 'demo-project';
const REGION = 'us-central1';

let emu: Emulator;
let gcloud: GcloudHarness;

before(async () => {
  emu = await startEmulator();
  gcloud = await createGcloudHarness(emu, PROJECT, REGION);
});

after(async () => {
  await gcloud?.dispose();
  await emu?.stop();
});

/**
 * @google-cloud/logging against the emulator over gRPC. `universeDomain` keeps the client
 * from probing the metadata server for one; `sslCreds` insecure gives plain h2c and sends no
 * auth. Writes must pass `{ resource }`, or `Log.write` first detects the environment's
 * resource, which probes the metadata server too.
 */
function grpcLogging(): Logging {
  // The options type of @google-cloud/logging 11 lacks these fields, which its gax client reads.
  const options: LoggingOptions & { port: number; sslCreds: grpc.ChannelCredentials; universeDomain: string } = {
    projectId: PROJECT,
    apiEndpoint: '127.0.0.1',
    port: emu.port,
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: 'googleapis.com',
  };
  return new Logging(options);
}

/**
 * The same client on its REST fallback (`/v2/entries:write`, `/v2/entries:list`). It needs an
 * auth client; the cast is only because the logging library bundles its own copy of
 * google-auth-library's types.
 */
function restLogging(): Logging {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: 'emulator-token', expiry_date: Date.now() + 3_600_000 });
  const options: LoggingOptions & { port: number; fallback: boolean; protocol: string } = {
    projectId: PROJECT,
    fallback: true,
    protocol: 'http',
    apiEndpoint: '127.0.0.1',
    port: emu.port,
    authClient: authClient as unknown as LoggingOptions['authClient'],
  };
  return new Logging(options);
}

const jobResource = (jobId: string, task = 'workerpool0-0') => ({
  type: 'ml_job',
  labels: { project_id: PROJECT, job_id: jobId, task_name: task },
});

const messageOf = (e: Entry) => (typeof e.data === 'string' ? e.data : (e.data as { message?: string }).message);

test('Node client over gRPC: write, then getEntries with a job filter and severity', async () => {
  const logging = grpcLogging();
  const log = logging.log('workerpool0-0');
  const resource = jobResource('1001');
  await log.write(
    [
      log.entry({ resource, severity: 'INFO' }, { message: 'Epoch 1: loss=0.9' }),
      log.entry({ resource, severity: 'WARNING', labels: { phase: 'train' } }, { message: 'slow input pipeline' }),
      log.entry({ resource, severity: 'ERROR' }, 'Traceback (most recent call last):'),
      log.entry({ resource: jobResource('1002'), severity: 'ERROR' }, 'another job'),
    ],
    { resource },
  );

  const [entries] = await logging.getEntries({
    filter: 'resource.type="ml_job" AND resource.labels.job_id="1001"',
    orderBy: 'timestamp asc',
  });
  const mine = entries.filter((e) => !JSON.stringify(e.data).includes('logging.googleapis.com/diagnostic'));
  assert.deepEqual(mine.map(messageOf), ['Epoch 1: loss=0.9', 'slow input pipeline', 'Traceback (most recent call last):']);
  assert.deepEqual(mine.map((e) => e.metadata.severity), ['INFO', 'WARNING', 'ERROR']);
  assert.equal(mine[0].metadata.logName, `projects/${PROJECT}/logs/workerpool0-0`);
  assert.deepEqual(mine[1].metadata.labels, { phase: 'train' });
  assert.equal(mine[1].metadata.resource?.labels?.task_name, 'workerpool0-0');

  const [serious] = await logging.getEntries({ filter: 'resource.labels.job_id="1001" AND severity>=WARNING', orderBy: 'timestamp desc' });
  assert.deepEqual(serious.map(messageOf), ['Traceback (most recent call last):', 'slow input pipeline']);
});

test('Node client over REST fallback: what it writes, the gRPC client reads', async () => {
  const rest = restLogging();
  const log = rest.log('rest-check');
  const resource = jobResource('2001');
  await log.write([log.entry({ resource, severity: 'NOTICE' }, { message: 'written over REST' })], { resource });
  const [viaRest] = await rest.getEntries({ filter: 'resource.labels.job_id="2001" AND jsonPayload.message:"over REST"' });
  assert.deepEqual(viaRest.map((e) => [e.metadata.severity, messageOf(e)]), [['NOTICE', 'written over REST']]);
  const [viaGrpc] = await grpcLogging().getEntries({ filter: 'log_id("rest-check") AND severity=NOTICE' });
  assert.deepEqual(viaGrpc.map(messageOf), ['written over REST']);
});

test('tailEntries over gRPC receives matching entries as they are written, and ends on abort', async () => {
  const logging = grpcLogging();
  const stream = logging.tailEntries({ filter: 'resource.type="ml_job" AND resource.labels.job_id="3001"' });
  const received: string[] = [];
  const errors: Error[] = [];
  stream.on('data', (response: { entries: Entry[] }) => received.push(...response.entries.map((e) => String(messageOf(e)))));
  stream.on('error', (e: Error) => errors.push(e));
  await waitFor(() => tailsOpen() === 1);

  const rest = restLogging();
  const log = rest.log('workerpool0-0');
  await log.write([log.entry({ resource: jobResource('3001'), severity: 'INFO' }, { message: 'live 1' })], { resource: jobResource('3001') });
  await log.write([log.entry({ resource: jobResource('3999') }, { message: 'other job' })], { resource: jobResource('3999') });
  await log.write([log.entry({ resource: jobResource('3001') }, { message: 'live 2' })], { resource: jobResource('3001') });
  await waitFor(() => received.length >= 2);
  assert.deepEqual(received, ['live 1', 'live 2']);

  (stream as AbortableDuplex).abort();
  await waitFor(() => tailsOpen() === 0);
  assert.ok(errors.every((e) => (e as Error & { code?: number }).code === grpc.status.CANCELLED), String(errors));
});

test('the tail drop fault ends the stream with UNAVAILABLE after N entries', async () => {
  emu.faults.tailDropAfterEntries = 1;
  try {
    const stream = grpcLogging().tailEntries({ filter: 'resource.labels.job_id="4001"' });
    const received: string[] = [];
    let failure: (Error & { code?: number }) | undefined;
    stream.on('data', (response: { entries: Entry[] }) => received.push(...response.entries.map((e) => String(messageOf(e)))));
    stream.on('error', (e: Error) => (failure = e));
    await waitFor(() => tailsOpen() === 1);
    const log = grpcLogging().log('workerpool0-0');
    const resource = jobResource('4001');
    await log.write([log.entry({ resource }, { message: 'first' }), log.entry({ resource }, { message: 'second' })], { resource });
    await waitFor(() => failure !== undefined);
    assert.equal(failure?.code, grpc.status.UNAVAILABLE);
    assert.deepEqual(received, ['first']);
  } finally {
    emu.faults.tailDropAfterEntries = undefined;
  }
});

test('gcloud logging read shows a job\'s entries as JSON; gcloud logging write shows up for the Node client', async () => {
  const logging = grpcLogging();
  const log = logging.log('workerpool0-0');
  const resource = jobResource('5001');
  await log.write(
    [
      log.entry({ resource, severity: 'INFO', timestamp: new Date('2026-01-02T03:04:05.5Z') }, { message: 'from node' }),
      log.entry({ resource, severity: 'ERROR', timestamp: new Date('2026-01-02T03:04:06Z') }, 'text line'),
    ],
    { resource },
  );

  const read = await gcloud.run<Record<string, unknown>[]>([
    'logging',
    'read',
    'resource.type="ml_job" AND resource.labels.job_id="5001" AND timestamp>="2026-01-01T00:00:00Z"',
  ]);
  assert.equal(read.code, 0, read.stderr);
  const shown = (read.json ?? []).filter((e) => !JSON.stringify(e).includes('logging.googleapis.com/diagnostic'));
  // gcloud logging read lists newest first
  assert.deepEqual(
    shown.map((e) => [e.severity, e.timestamp, e.textPayload ?? (e.jsonPayload as { message: string }).message]),
    [
      ['ERROR', '2026-01-02T03:04:06Z', 'text line'],
      ['INFO', '2026-01-02T03:04:05.500Z', 'from node'],
    ],
  );
  for (const entry of shown) {
    assert.deepEqual(Object.keys(entry).filter((k) => !k.endsWith('Payload')).sort(), [
      'insertId',
      'logName',
      'receiveTimestamp',
      'resource',
      'severity',
      'timestamp',
    ]);
    assert.deepEqual(entry.resource, resource);
    assert.equal(entry.logName, `projects/${PROJECT}/logs/workerpool0-0`);
  }

  const write = await gcloud.run(['logging', 'write', 'gcloud-check', 'written by gcloud', '--severity=WARNING'], { json: false });
  assert.equal(write.code, 0, write.stderr);
  const [entries] = await logging.getEntries({ filter: 'log_id("gcloud-check")' });
  assert.deepEqual(entries.map((e) => [e.metadata.severity, e.data, e.metadata.resource?.type]), [['WARNING', 'written by gcloud', 'global']]);
});

test('gcloud ai custom-jobs stream-logs prints a finished job\'s log lines', async () => {
  const created = await rest('POST', `/v1/projects/${PROJECT}/locations/${REGION}/customJobs`, {
    displayName: 'stream-logs-check',
    jobSpec: {
      workerPoolSpecs: [
        { machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/trainer:1' } },
      ],
    },
  });
  const name = String(created.name);
  await waitFor(async () => Boolean((await rest('GET', `/v1/${name}`)).endTime), 20_000);
  const jobId = name.slice(name.lastIndexOf('/') + 1);

  const result = await gcloud.run(['ai', 'custom-jobs', 'stream-logs', jobId, `--region=${REGION}`, '--polling-interval=1'], {
    json: false,
    timeoutMs: 60_000,
    env: { TZ: 'UTC' },
  });
  assert.equal(result.code, 0, result.stderr);

  const jobEntries = logStoreOf(emu.store)
    .entries()
    .filter((e) => e.resource?.type === 'ml_job' && e.resource.labels?.job_id === jobId);
  assert.ok(jobEntries.length > 3, 'the job wrote log lines');
  assert.equal(result.stdout, streamLogsOutput(jobEntries));
});

/**
 * What `gcloud ai custom-jobs stream-logs` prints for entries in API order: it skips an entry
 * whose timestamp *string* sorts before the last one seen (or equal, without a later insertId),
 * then prints severity, time (TZ=UTC), task and each line of the message.
 */
function streamLogsOutput(entries: LogEntryJson[]): string {
  let at = { timestamp: '1970-01-01T01:00:00.000000000Z', insertId: '' };
  let out = '';
  for (const entry of entries) {
    const timestamp = entry.timestamp ?? '';
    const insertId = entry.insertId ?? '';
    if (timestamp < at.timestamp || (timestamp === at.timestamp && insertId <= at.insertId)) continue;
    at = { timestamp, insertId };
    const when = new Date(timestamp).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000');
    const task = entry.resource?.labels?.task_name || 'unknown_task';
    const message = entry.jsonPayload ? String(entry.jsonPayload.message ?? '') : String(entry.textPayload ?? '');
    const lines = message === '' ? [''] : message.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/);
    for (const line of lines) out += `${entry.severity ?? 'DEFAULT'}\t${when}\t${task}\t${line}\n`;
  }
  return out;
}

function tailsOpen(): number {
  return logStoreOf(emu.store).subscriberCount();
}

async function rest(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  assert.ok(res.ok, JSON.stringify(json));
  return json;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
