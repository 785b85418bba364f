import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { LogStreamHandle } from '../../src/views/logs/logStreams';
import { gcloudEnvironment } from '../../test/emulator/core/endpoint-settings';
import { DEMO_PROJECT, DEMO_REGION } from '../../test/emulator/seed/demo';

const LOCATION = `projects/${DEMO_PROJECT}/locations/${DEMO_REGION}`;
const LATENCY_WINDOW_MS = 8_000;
const THROUGHPUT_LINES = 50_000;
const BATCH = 1_000;
/** gcloud polls every 60 s by default; one probe line, given at most this long to show. */
const GCLOUD_CAP_MS = 90_000;
const ENTRY_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (?!----)/;

/**
 * Job logs against the runner's emulator, inside the extension host:
 * - latency: a running job writes a line every 40 ms; each line's timestamp (set when the
 *   emulator stored it, same machine clock) against when it went into the output channel;
 * - gcloud: `gcloud ai custom-jobs stream-logs` with its defaults on the same job: one probe line;
 * - throughput: 50,000 lines written (by a separate process) into a followed job's log, the
 *   longest event-loop stall of this extension host meanwhile, its longest GC pause, and the
 *   CPU time the host used across its longest stall: all its threads, and its main thread alone
 *   with the time that thread waited for a core.
 */
export async function measureLogs(): Promise<Record<string, number>> {
  const url = process.env.VERTEX_EMULATOR_URL;
  if (!url) throw new Error('VERTEX_EMULATOR_URL is not set: the bench runner starts the emulator.');
  const latencyJob = await createRunningJob(url, 'bench-log-latency');
  const gcloud = startGcloudStreamLogs(url, jobId(latencyJob));
  const streams: LogStreamHandle[] = [];
  try {
    const followStarted = Date.now();
    const latency = await follow(latencyJob, streams);
    await latency.live;
    const liveAt = Date.now();
    const samples: number[] = [];
    const sub = latency.onDidAppend((e) => {
      for (const line of e.text.split('\n')) {
        const at = ENTRY_LINE.exec(line);
        // Lines written before the follow went live came with the history, not live.
        if (at && Date.parse(at[1]) > liveAt) samples.push(e.at - Date.parse(at[1]));
      }
    });
    await sleep(LATENCY_WINDOW_MS);
    sub.dispose();
    if (samples.length < 50) throw new Error(`only ${samples.length} live lines in ${LATENCY_WINDOW_MS} ms`);

    const probe = `bench-gcloud-probe-${Date.now()}`;
    const probeWritten = Date.now();
    await writeEntries(url, jobId(latencyJob), [probe]);
    const gcloudLatency = gcloud.waitFor(probe, GCLOUD_CAP_MS).then((seenAt) => (seenAt === undefined ? GCLOUD_CAP_MS : seenAt - probeWritten));

    const throughput = await measureThroughput(url, streams);
    const gcloudMs = await gcloudLatency;
    if (gcloudMs >= GCLOUD_CAP_MS) console.warn(`gcloud stream-logs did not show the probe within ${GCLOUD_CAP_MS / 1000} s; reporting the cap.`);
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      log_latency_p50_ms: percentile(sorted, 0.5),
      log_latency_p95_ms: percentile(sorted, 0.95),
      // From the command to following live: loading the client libraries, the job, its history.
      log_time_to_live_ms: liveAt - followStarted,
      gcloud_log_latency_ms: gcloudMs,
      ...throughput,
    };
  } finally {
    gcloud.stop();
    for (const s of streams) await vscode.commands.executeCommand('vertexAI.stopStreaming', s.jobName);
    await Promise.all(streams.map((s) => fetch(`${url}/v1/${s.jobName}:cancel`, { method: 'POST' }).catch(() => undefined)));
  }
}

async function measureThroughput(url: string, streams: LogStreamHandle[]): Promise<Record<string, number>> {
  const job = await createRunningJob(url, 'bench-log-throughput');
  const handle = await follow(job, streams);
  let shown = 0;
  let allShownAt = 0;
  const sub = handle.onDidAppend((e) => {
    // Counted in place: splitting each append would allocate in the host being measured.
    for (let i = e.text.indexOf(' bench-line '); i >= 0; i = e.text.indexOf(' bench-line ', i + 1)) shown++;
    if (shown >= THROUGHPUT_LINES && !allShownAt) allShownAt = e.at;
  });
  await handle.live;
  await sleep(500);
  const writer = spawnWriter(url, jobId(job));
  const idle = spawnIdleProbe();
  // Started once the writer and the probe are spawned (spawning is the bench's own work), before
  // the writer can have written anything: its Node takes far longer to start than this. The
  // histogram records the time between ticks of its timer, so a stall shows to within 1 ms.
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  const gc = longestGc();
  const gap = longestTimerGap();
  try {
    const started = await writer.started;
    await waitFor(() => allShownAt > 0, 180_000, `${THROUGHPUT_LINES} lines in the channel (${shown} so far)`);
    stalls.disable();
    return {
      log_throughput_lines_per_s: THROUGHPUT_LINES / ((allShownAt - started) / 1000),
      log_max_stall_ms: stalls.max / 1e6,
      // What the longest stall was: the garbage collector's (whoever's garbage it was), or work
      // of this host (CPU close to the stall), or the machine not running it (CPU far below).
      log_max_gc_pause_ms: gc.max(),
      log_max_stall_cpu_ms: gap.worst().cpuMs,
      // Linux only: across that stall, what the main thread (the one that stalls) ran, and how
      // long it was ready to run but waited for a core (other processes, or this one's own
      // compiler and GC threads). Together they account for the stall.
      ...(gap.worst().mainThread ? { log_max_stall_main_thread_cpu_ms: gap.worst().mainThread?.cpuMs, log_max_stall_runqueue_wait_ms: gap.worst().mainThread?.waitMs } : {}),
      // The same measure for an idle Node process on this machine over the same window: the part
      // of a stall that is the machine not running processes (other work on its cores), not this host.
      log_max_stall_idle_process_ms: await idle.max(),
    };
  } finally {
    idle.process.kill();
    stalls.disable();
    gc.stop();
    gap.stop();
    sub.dispose();
    writer.process.kill();
  }
}

/** The longest garbage collection pause in this host from now until `stop()`. */
function longestGc(): { max(): number; stop(): void } {
  let max = 0;
  const take = (entries: readonly PerformanceEntry[]): void => {
    for (const entry of entries) max = Math.max(max, entry.duration);
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    // Entries are delivered a tick late; the ones not delivered yet are taken here.
    max: () => (take(observer.takeRecords()), max),
    stop: () => observer.disconnect(),
  };
}

interface TimerGap {
  gapMs: number;
  /** CPU time of this process, all its threads. */
  cpuMs: number;
  /** The main thread's time on a core, and waiting for one (Linux's schedstat). */
  mainThread?: { cpuMs: number; waitMs: number };
}

/** The longest gap between ticks of a 5 ms timer, and the CPU time used across it. */
function longestTimerGap(): { worst(): TimerGap; stop(): void } {
  let worst: TimerGap = { gapMs: 0, cpuMs: 0 };
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastSched = mainThreadSchedule();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const sched = mainThreadSchedule();
    if (now - last > worst.gapMs) {
      worst = { gapMs: now - last, cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000 };
      if (sched && lastSched) worst.mainThread = { cpuMs: (sched.runNs - lastSched.runNs) / 1e6, waitMs: (sched.waitNs - lastSched.waitNs) / 1e6 };
    }
    last = now;
    lastCpu = cpu;
    lastSched = sched;
  }, 5);
  return { worst: () => worst, stop: () => clearInterval(timer) };
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const hasSchedstat = existsSync(SCHEDSTAT);

/** Nanoseconds the main thread (its id is the process id) has run, and waited to run, so far. */
function mainThreadSchedule(): { runNs: number; waitNs: number } | undefined {
  if (!hasSchedstat) return undefined;
  const [runNs, waitNs] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
  return runNs === undefined || waitNs === undefined ? undefined : { runNs, waitNs };
}

async function follow(jobName: string, streams: LogStreamHandle[]): Promise<LogStreamHandle> {
  const handle = await vscode.commands.executeCommand<LogStreamHandle | undefined>('vertexAI.showLogs', jobName);
  if (!handle) throw new Error(`vertexAI.showLogs returned no stream for ${jobName}`);
  streams.push(handle);
  return handle;
}

const jobId = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

async function rest(url: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

async function createRunningJob(url: string, displayName: string): Promise<string> {
  const job = await rest(url, 'POST', `/v1/${LOCATION}/customJobs`, {
    displayName,
    labels: { 'emulator-run-seconds': '600' },
    jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/demo-project/training/trainer:1' } }] },
  });
  const name = String(job.name);
  await waitFor(async () => (await rest(url, 'GET', `/v1/${name}`)).state === 'JOB_STATE_RUNNING', 10_000, `${name} to run`);
  return name;
}

function entry(id: string, message: string): object {
  return {
    logName: `projects/${DEMO_PROJECT}/logs/workerpool0-0`,
    resource: { type: 'ml_job', labels: { project_id: DEMO_PROJECT, job_id: id, task_name: 'workerpool0-0' } },
    severity: 'INFO',
    jsonPayload: { message },
  };
}

async function writeEntries(url: string, id: string, messages: string[]): Promise<void> {
  await rest(url, 'POST', '/v2/entries:write', { entries: messages.map((m) => entry(id, m)) });
}

/** Writes the throughput lines from another process, so that work does not count against this host. */
function spawnWriter(url: string, id: string): { process: ChildProcess; started: Promise<number> } {
  const script = `
    const [url, entryJson, total, batch] = [process.argv[1], process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
    const base = JSON.parse(entryJson);
    (async () => {
      process.stdout.write('start ' + Date.now() + '\\n');
      for (let i = 0; i < total; i += batch) {
        const entries = Array.from({ length: batch }, (_, j) => ({ ...base, jsonPayload: { message: 'bench-line ' + (i + j) } }));
        const res = await fetch(url + '/v2/entries:write', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
        if (!res.ok) throw new Error(await res.text());
      }
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script, url, JSON.stringify(entry(id, '')), String(THROUGHPUT_LINES), String(BATCH)], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(Number(/start (\d+)/.exec(d.toString())?.[1] ?? Date.now())));
    child.once('exit', (code) => reject(new Error(`the log writer exited with ${code} before starting`)));
  });
  return { process: child, started };
}

/** A Node process that does nothing but measure its own event-loop stalls, until told on stdin to report the longest. */
function spawnIdleProbe(): { process: ChildProcess; max(): Promise<number> } {
  const script = `
    const stalls = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 1 });
    stalls.enable();
    process.stdin.once('data', () => process.stdout.write(String(stalls.max / 1e6) + '\\n', () => process.exit(0)));`;
  const child = spawn(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    max: async () => {
      child.stdin?.write('report\n');
      await exited;
      const max = Number(output.trim());
      if (!(max >= 0) || output.trim() === '') throw new Error(`the idle probe reported "${output}"`);
      return max;
    },
  };
}

/** `gcloud ai custom-jobs stream-logs` with its default settings (a poll every 60 s). */
function startGcloudStreamLogs(url: string, id: string): { waitFor(text: string, capMs: number): Promise<number | undefined>; stop(): void } {
  const config = mkdtempSync(join(tmpdir(), 'bench-gcloud-logs-'));
  const env = { ...process.env, ...gcloudEnvironment(url, DEMO_PROJECT, DEMO_REGION), CLOUDSDK_CONFIG: config, CLOUDSDK_CORE_DISABLE_PROMPTS: '1', TZ: 'UTC' };
  const child = spawn('gcloud', ['ai', 'custom-jobs', 'stream-logs', id, `--region=${DEMO_REGION}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiting: { text: string; resolve: (at: number) => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    for (const w of waiting.splice(0)) {
      if (output.includes(w.text)) w.resolve(Date.now());
      else waiting.push(w);
    }
  });
  child.stderr.on('data', () => undefined);
  return {
    waitFor: (text, capMs) =>
      new Promise((resolve) => {
        if (output.includes(text)) return resolve(Date.now());
        const timer = setTimeout(() => resolve(undefined), capMs);
        waiting.push({ text, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      }),
    stop: () => {
      child.kill();
      rmSync(config, { recursive: true, force: true });
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}
