import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** Where the in-host reporter appends one JSON line per finished test; set by the runner. */
export const RESULTS_FILE_ENV = 'VERTEX_TEST_RESULTS';

/** A regular expression: only in-host tests whose full title matches run (`--grep`). */
export const GREP_ENV = 'VERTEX_TEST_GREP';

export type TestState = 'passed' | 'failed' | 'skipped';

export interface TestRecord {
  title: string;
  state: TestState;
  durationMs: number;
  error?: string;
}

export function appendTestRecord(file: string, record: TestRecord): void {
  appendFileSync(file, JSON.stringify(record) + '\n');
}

export function readTestRecords(file: string): TestRecord[] {
  if (!existsSync(file)) return [];
  // The last piece may be a line still being written; only newline-terminated lines count.
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TestRecord);
}

export function formatTestRecord(record: TestRecord): string {
  const mark = record.state === 'passed' ? 'ok  ' : record.state === 'failed' ? 'FAIL' : 'skip';
  const line = `  ${mark} ${record.title} (${Math.round(record.durationMs)} ms)`;
  if (!record.error) return line;
  return `${line}\n${record.error.split('\n').map((l) => `         ${l}`).join('\n')}`;
}

export function summaryLine(records: readonly TestRecord[]): string {
  const count = (state: TestState): number => records.filter((r) => r.state === state).length;
  const skipped = count('skipped');
  return `${count('passed')} passed, ${count('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}
