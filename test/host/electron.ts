import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { hostCacheDir, REPO_ROOT } from './paths';
import { createTestProfile } from './profile';
import { formatTestRecord, readTestRecords, RESULTS_FILE_ENV } from './results';
import type { TestRecord } from './results';
import { hostProblem } from './suite';
import type { HostSuite, SuiteOutcome } from './suite';

/**
 * The same suite in desktop VS Code, downloaded by @vscode/test-electron (needs internet).
 * Playwright drives only the code-server page, so the workbench checks are reported as skipped.
 */
export async function runElectronSuite(suite: HostSuite, say: (line: string) => void = console.log): Promise<SuiteOutcome> {
  const records: TestRecord[] = [];
  const report = (record: TestRecord): void => {
    records.push(record);
    say(formatTestRecord(record));
  };
  const profile = await createTestProfile({ settings: suite.settings });
  const resultsFile = join(profile.root, 'results.jsonl');
  try {
    // After a reload: VS Code starts again on the same profile, so the global state carries over.
    for (const entry of [suite.testsEntry, suite.afterReload]) {
      if (entry === undefined) continue;
      const before = readTestRecords(resultsFile).length;
      try {
        await runTests({
          version: '1.96.4',
          cachePath: join(hostCacheDir(), 'vscode-test'),
          extensionDevelopmentPath: REPO_ROOT,
          extensionTestsPath: entry,
          extensionTestsEnv: { ...suite.env, [RESULTS_FILE_ENV]: resultsFile },
          launchArgs: [profile.workspaceDir, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--disable-extensions'],
        });
      } catch (err) {
        // A failing test rejects too; its record says why, so only a silent failure is added here.
        if (!readTestRecords(resultsFile).slice(before).some((r) => r.state === 'failed')) report(hostProblem(suite, (err as Error).message));
      }
      readTestRecords(resultsFile).slice(before).forEach(report);
    }
    for (const test of suite.uiTests ?? []) report({ title: `workbench: ${test.title}`, state: 'skipped', durationMs: 0 });
    if (!records.some((r) => r.state !== 'skipped')) report(hostProblem(suite, 'no tests ran'));
  } finally {
    await profile.dispose();
  }
  return { records };
}
