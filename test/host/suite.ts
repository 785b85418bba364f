import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWorkbenchPage, waitForWorkbench, workbenchUrl } from './browser';
import { startCodeServer } from './codeServer';
import type { CodeServer } from './codeServer';
import { clearFailureArtifacts, saveFailureArtifacts } from './failureArtifacts';
import { REPO_ROOT } from './paths';
import { startSuiteEmulator } from './hostEmulator';
import type { SuiteEmulator, SuiteEmulatorSpec } from './hostEmulator';
import { createTestProfile } from './profile';
import { formatTestRecord, GREP_ENV, readTestRecords, RESULTS_FILE_ENV } from './results';
import type { TestRecord } from './results';
import type { ExtensionManifest, UiTest } from './uiTest';

export interface HostSuite {
  /** Names the suite in the output and its failure folder, out/host-failure/<name>/. */
  name: string;
  /** A built entry exporting `run(): Promise<void>`, run inside the extension host. */
  testsEntry?: string;
  /**
   * A second entry, run once `testsEntry` has ended, after a window reload: the same page loads
   * the workbench again with this entry, so a new extension host starts with the same profile,
   * browser storage (the extension's global state), code-server and emulator.
   */
  afterReload?: string;
  /** User settings laid over the test profile's defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host. */
  env?: NodeJS.ProcessEnv;
  /** An in-process emulator for this launch; its settings go under `settings`. */
  emulator?: SuiteEmulatorSpec;
  /** Playwright checks on a workbench page that has the extension loaded normally. */
  uiTests?: readonly UiTest[];
  /** Taken after the workbench checks, in order. */
  screenshots?: readonly { path: string; prepare?: (page: Page) => Promise<void> }[];
  /** Only tests whose full title matches run (mocha's grep in the host, titles of workbench checks). */
  grep?: string;
  /** For the whole launch; past it the run counts as hung. */
  timeoutMs: number;
}

export interface SuiteOutcome {
  records: TestRecord[];
  /** Set when the host itself failed (never started, hung, crashed); the folder with evidence. */
  failureArtifacts?: string;
}

const UI_TEST_TIMEOUT_MS = 30_000;

class HostTimeout extends Error {}

/**
 * One fresh host launch: a new profile, code-server, Chromium. The in-host tests run first, on a
 * page that exits when they end (then, with `afterReload`, again on the same page reloaded); the
 * UI checks then run on a second, ordinary workbench page.
 * Host problems become failed records, so they count in the totals.
 */
export async function runHostSuite(suite: HostSuite, say: (line: string) => void = console.log): Promise<SuiteOutcome> {
  const deadline = Date.now() + suite.timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  const within = <T>(work: Promise<T>, what: string): Promise<T> => withTimeout(work, remaining(), `${what} (timeout ${suite.timeoutMs / 1000} s)`);
  await clearFailureArtifacts(suite.name);

  const records: TestRecord[] = [];
  const report = (record: TestRecord): void => {
    records.push(record);
    say(formatTestRecord(record));
  };
  let emulator: SuiteEmulator | undefined;
  try {
    emulator = suite.emulator ? await startSuiteEmulator(suite.emulator) : undefined;
  } catch (err) {
    report(hostProblem(suite, `the emulator did not start: ${errorText(err)}`));
    return { records };
  }
  const profile = await createTestProfile({ settings: { ...emulator?.settings, ...suite.settings } });
  const resultsFile = join(profile.root, 'results.jsonl');
  const consoleLines: string[] = [];
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let currentPage: Page | undefined;
  let outcome: SuiteOutcome = { records };
  try {
    server = await startCodeServer({
      profile,
      logFile: join(profile.root, 'code-server.log'),
      // An empty gallery keeps the offline workbench from querying a marketplace.
      env: {
        ...process.env,
        // Tests must never probe the GCE metadata server (no traffic off loopback).
        METADATA_SERVER_DETECTION: 'none',
        ...emulator?.env,
        ...suite.env,
        ...(suite.grep ? { [GREP_ENV]: suite.grep } : {}),
        [RESULTS_FILE_ENV]: resultsFile,
        EXTENSIONS_GALLERY: '{}',
      },
      startTimeoutMs: Math.min(remaining(), 60_000),
    });
    browser = await launchChromium();
    const serverUrl = server.url;
    const url = (extensionTestsPath?: string): string =>
      workbenchUrl(serverUrl, { folder: profile.workspaceDir, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath });

    if (suite.testsEntry) {
      consoleLines.push(`--- ${suite.name}: extension tests ---`);
      const workbench = await openWorkbenchPage(browser, consoleLines);
      currentPage = workbench.page;
      const tail = tailRecords(resultsFile, report);
      try {
        for (const [phase, entry] of [suite.testsEntry, suite.afterReload].entries()) {
          if (entry === undefined) continue;
          const reloaded = phase > 0;
          if (reloaded) consoleLines.push(`--- ${suite.name}: extension tests after a window reload ---`);
          const before = records.length;
          await within(workbench.page.goto(url(entry)), reloaded ? 'the reloaded workbench page did not load' : 'the workbench page did not load');
          const exit = await within(workbench.nextExit(), reloaded ? 'the extension tests after the reload did not finish' : 'the extension tests did not finish');
          tail.flush();
          const phaseRecords = records.slice(before);
          const which = reloaded ? ' after the reload' : '';
          if (phaseRecords.length === 0 && suite.grep) {
            say(`  no in-host test${which} matches --grep ${suite.grep}`);
          } else if (phaseRecords.length === 0) {
            report(hostProblem(suite, `no tests ran${which}: the entry reported no results (exit code ${exit.code})`));
          } else if (exit.code !== 0 && !phaseRecords.some((r) => r.state === 'failed')) {
            report(hostProblem(suite, `the extension host ended the tests${which} with exit code ${exit.code} and no failed test; see the console log`));
          }
        }
      } finally {
        tail.stop();
      }
      await workbench.page.context().close();
    }

    const grep = suite.grep ? new RegExp(suite.grep) : undefined;
    const uiTests = (suite.uiTests ?? []).filter((t) => !grep || grep.test(`workbench: ${t.title}`));
    if (uiTests.length > 0 || suite.screenshots?.length) {
      if (suite.emulator?.freshForWorkbench) await emulator?.restartFresh();
      consoleLines.push(`--- ${suite.name}: workbench checks ---`);
      const { page } = await openWorkbenchPage(browser, consoleLines);
      currentPage = page;
      await within(page.goto(url()), 'the workbench page did not load');
      await within(waitForWorkbench(page, remaining()), 'the workbench did not render');
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as ExtensionManifest;
      for (const test of uiTests) {
        const started = Date.now();
        try {
          await withTimeout(test.run({ page, manifest }), Math.min(UI_TEST_TIMEOUT_MS, remaining()), `timed out`);
          report({ title: `workbench: ${test.title}`, state: 'passed', durationMs: Date.now() - started });
        } catch (err) {
          report({ title: `workbench: ${test.title}`, state: 'failed', durationMs: Date.now() - started, error: errorText(err) });
          if (Date.now() >= deadline) throw new HostTimeout(`the workbench checks did not finish (timeout ${suite.timeoutMs / 1000} s)`);
        }
      }
      for (const shot of suite.screenshots ?? []) {
        await within(shot.prepare?.(page) ?? Promise.resolve(), `preparing the screenshot ${shot.path}`);
        await page.screenshot({ path: shot.path });
        say(`  screenshot: ${shot.path}`);
      }
    }
    if (records.length === 0 && !grep) report(hostProblem(suite, 'no tests ran: the suite has neither a tests entry nor workbench checks'));
  } catch (err) {
    const why = err instanceof HostTimeout ? `hung: ${err.message}` : `the host failed: ${errorText(err)}`;
    report(hostProblem(suite, why));
    const saved = await saveFailureArtifacts({
      suiteName: suite.name,
      page: currentPage,
      consoleLines,
      codeServerLog: server?.logFile,
      userDataDir: profile.userDataDir,
    });
    say(`  Screenshot, code-server log, workbench console and host logs saved in ${saved}/`);
    outcome = { records, failureArtifacts: saved };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await emulator?.stop();
    await profile.dispose();
  }
  return outcome;
}

export function hostProblem(suite: Pick<HostSuite, 'name'>, message: string): TestRecord {
  return { title: `${suite.name}: host`, state: 'failed', durationMs: 0, error: message };
}

/** Prints in-host results while the tests still run, so a hang shows how far they got. */
function tailRecords(file: string, onRecord: (record: TestRecord) => void): { flush(): void; stop(): void } {
  let seen = 0;
  const flush = (): void => {
    const all = readTestRecords(file);
    for (const record of all.slice(seen)) onRecord(record);
    seen = all.length;
  };
  const timer = setInterval(flush, 250);
  return {
    flush,
    stop: () => {
      clearInterval(timer);
      flush();
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new HostTimeout(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
