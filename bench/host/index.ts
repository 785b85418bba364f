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

/** The `extensionTestsPath` entry: runs each module once and reports it like a test. */
export async function run(): Promise<void> {
  const figures: Record<string, number> = {};
  let failed = 0;
  for (const [name, bench] of Object.entries(HOST_BENCHES)) {
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
