import Mocha from 'mocha';
import { appendTestRecord, GREP_ENV, RESULTS_FILE_ENV } from './results';
import type { TestRecord } from './results';

/**
 * Runs mocha inside the extension host. `loadTests` requires the test modules after mocha's
 * globals (describe/it) exist; each result is appended to the runner's results file.
 */
export function runMochaSuite(loadTests: () => void, timeoutMs = 20_000): Promise<void> {
  const resultsFile = process.env[RESULTS_FILE_ENV];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs, reporter: 'spec' });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(new RegExp(grep));
  mocha.suite.emit('pre-require', globalThis, 'integration-bundle', mocha);
  loadTests();
  const record = (entry: TestRecord): void => {
    if (resultsFile) appendTestRecord(resultsFile, entry);
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
    runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('pending', (test) => record({ title: test.fullTitle(), state: 'skipped', durationMs: 0 }));
    runner.on('fail', (test, err: Error) =>
      record({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: err.stack ?? String(err) }),
    );
  });
}
