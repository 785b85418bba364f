import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleHostEntry } from '../test/host/bundleTests';
import { ensureHostInstalled } from '../test/host/installer';
import { REPO_ROOT } from '../test/host/paths';
import { runCommand } from '../test/host/proc';
import { runHostSuite } from '../test/host/suite';
import { generateCustomJobs } from '../test/emulator/jobs/custom-jobs';
import { BENCH_OUT_ENV } from './figuresFile';
import { timeGcloudList } from './gcloudList';
import { uploadBench } from './node/upload';
import { modelUploadBench } from './node/modelUpload';

const BENCH_JOBS = 10_000;

const RESULTS_FILE = join(REPO_ROOT, 'bench-results.json');
/** Read by bench/host/index.ts: the in-host modules to run. */
const BENCH_ONLY_ENV = 'VERTEX_BENCH_ONLY';
/** The Node-side benches, run once outside the host. */
const NODE_BENCHES: Record<string, () => Promise<Record<string, number>>> = { upload: uploadBench, modelUpload: modelUploadBench };

/**
 * Each launch is a fresh host, so every figure is taken on a cold, never-activated extension; the
 * median of the launches is kept. Figures are merged by key, so a new bench module adds keys only.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, timeout: { type: 'string', default: '300' }, only: { type: 'string' } } });
  const runs = Number(values.runs);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!Number.isInteger(runs) || runs < 1 || !(timeoutMs > 0)) throw new Error('Usage: npm run bench -- [--runs N] [--timeout SECONDS] [--only MODULE[,MODULE...]]');
  // Modules by name: in-host (activation, explorer, logs, submit; bench/host/index.ts checks
  // them) or Node-side; the figures of the others in bench-results.json are kept.
  const only = values.only?.split(',').filter(Boolean);
  const selected = (name: string): boolean => !only || only.includes(name);
  const hostOnly = only?.filter((name) => !(name in NODE_BENCHES));

  await ensureHostInstalled();
  // Measure what ships: the minified production bundle.
  await runCommand(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO_ROOT });
  const entry = await bundleHostEntry(join(REPO_ROOT, 'bench', 'host', 'index.ts'), join(REPO_ROOT, 'out', 'bench', 'index.js'));

  const samples: Record<string, number[]> = {};
  let failed = false;
  // `--only upload` and the like launch no host at all.
  for (let i = 1; hostOnly?.length !== 0 && i <= runs; i++) {
    console.log(`launch ${i}/${runs}`);
    const figuresFile = join(REPO_ROOT, 'out', 'bench', `figures-${i}.json`);
    writeFileSync(figuresFile, '{}\n');
    const runnerFigures: Record<string, number> = {};
    const outcome = await runHostSuite({
      name: `bench-${i}`,
      testsEntry: entry,
      env: { [BENCH_OUT_ENV]: figuresFile, ...(hostOnly ? { [BENCH_ONLY_ENV]: hostOnly.join(',') } : {}) },
      emulator: {
        prepare: async (emu) => {
          generateCustomJobs(emu, { count: BENCH_JOBS });
          if (selected('explorer')) runnerFigures.gcloud_list_ms = await timeGcloudList(emu.url);
        },
      },
      timeoutMs,
    });
    if (outcome.records.some((r) => r.state === 'failed')) {
      failed = true;
      continue;
    }
    for (const [key, value] of Object.entries(runnerFigures)) (samples[key] ??= []).push(value);
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(figuresFile, 'utf8')) as Record<string, number>)) {
      (samples[key] ??= []).push(value);
    }
  }
  for (const [name, bench] of Object.entries(NODE_BENCHES)) {
    if (!selected(name)) continue;
    console.log(`${name} bench (Node side)`);
    for (const [key, value] of Object.entries(await bench())) (samples[key] ??= []).push(value);
  }
  if (failed || Object.keys(samples).length === 0) {
    console.error('The bench failed; bench-results.json was not written.');
    return 1;
  }

  const results = Object.fromEntries(
    Object.keys(samples)
      .sort()
      .map((key) => [key, Math.round(median(samples[key] ?? []) * 10) / 10]),
  );
  printTable(results, samples);
  const kept = only && existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, number>) : {};
  const merged = Object.fromEntries(Object.entries({ ...kept, ...results }).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(RESULTS_FILE, JSON.stringify(merged, null, 2) + '\n');
  console.log(`Wrote ${RESULTS_FILE}`);
  return 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function printTable(results: Record<string, number>, samples: Record<string, number[]>): void {
  const rows = Object.entries(results).map(([key, value]) => [key, String(value), (samples[key] ?? []).map((v) => v.toFixed(1)).join(', ')]);
  const header = ['figure', 'median', 'launches'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ');
  console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const row of rows) console.log(line(row));
}

main()
  // Leave the development bundle (with source maps) in dist/, as `npm run build` does.
  .finally(() => runCommand(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT }))
  .then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
