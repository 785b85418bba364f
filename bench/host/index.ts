import { writeFileSync } from 'node:fs';
import { appendTestRecord, RESULTS_FILE_ENV } from '../../test/host/results';
import { BENCH_OUT_ENV } from '../figuresFile';
import { measureActivation } from './activation';
import { measureExplorer } from './explorer';
import { measureLogs } from './logs';
import { measureSubmit } from './submit';

/** In-host bench modules; each returns its figures, one number per stable key. */
const HOST_BENCHES: Record<string, () => Promise<Record<string, number>>> = {
  activation: measureActivation,
  // After activation: the view then opens on an activated extension with nothing else loaded.
  explorer: measureExplorer,
  // Waits a minute on gcloud's default polling interval (see logs.ts).
  logs: measureLogs,
  submit: measureSubmit,
};

/** Set by `npm run bench -- --only a,b` (bench/run.ts): the modules to run; all when unset. */
const BENCH_ONLY_ENV = 'VERTEX_BENCH_ONLY';

/** The `extensionTestsPath` entry: runs each module once and reports it like a test. */
export async function run(): Promise<void> {
  const figures: Record<string, number> = {};
  let failed = 0;
  const only = process.env[BENCH_ONLY_ENV]?.split(',');
  const unknown = only?.filter((name) => !(name in HOST_BENCHES)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown bench module(s) ${unknown.join(', ')}; there are ${Object.keys(HOST_BENCHES).join(', ')}.`);
  for (const [name, bench] of Object.entries(HOST_BENCHES)) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    try {
      Object.assign(figures, await bench());
      report({ title: `bench: ${name}`, state: 'passed', durationMs: Date.now() - started });
    } catch (err) {
      failed++;
      report({ title: `bench: ${name}`, state: 'failed', durationMs: Date.now() - started, error: (err as Error).stack ?? String(err) });
    }
  }
  const out = process.env[BENCH_OUT_ENV];
  if (out) writeFileSync(out, JSON.stringify(figures) + '\n');
  if (failed > 0) throw new Error(`${failed} bench module(s) failed.`);
}

function report(record: Parameters<typeof appendTestRecord>[1]): void {
  const file = process.env[RESULTS_FILE_ENV];
  if (file) appendTestRecord(file, record);
}
