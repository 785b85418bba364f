import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { commandPaletteTests } from '../integration/workbench/commandPalette';
import { jobLogsUiTests } from '../integration/workbench/jobLogs';
import { projectSwitchUiTests } from '../integration/workbench/projectSwitch';
import { signInWelcomeTests } from '../integration/workbench/signInWelcome';
import { prepareViewsScreenshot, vertexContainerTests } from '../integration/workbench/vertexContainer';
import { viewScreenshots } from '../integration/workbench/viewScreenshots';
import { bundleMochaEntry, findTestFiles } from './bundleTests';
import { runElectronSuite } from './electron';
import { ensureHostInstalled } from './installer';
import { CODE_SERVER_VERSION, REPO_ROOT } from './paths';
import { runCommand } from './proc';
import { summaryLine } from './results';
import type { TestRecord } from './results';
import { runHostSuite } from './suite';
import type { HostSuite, SuiteOutcome } from './suite';

const USAGE = `Usage: npm run test:integration -- [--tests path/to/entry.js] [--grep REGEXP] [--timeout SECONDS] [--screenshot FILE] [--screenshots DIR]
  --tests        run only this entry in the host: a module exporting run(): Promise<void> that reports
                 through runMochaSuite (test/host/mochaIndex.ts); an entry that reports nothing fails
  --grep         run only tests whose full title matches (in-host and workbench checks); launches
                 with no match report nothing, and a run where nothing matched fails
  --timeout      per host launch, default 180; past it the run counts as hung
  --screenshot   save the workbench with the Vertex AI container open to FILE
  --screenshots  save each view filled from the emulator's demo seed to DIR (training-jobs.png, ...)
Environment: VSCODE_TEST_HOST=electron runs the in-host tests in desktop VS Code (downloads it).`;

const INTEGRATION_DIR = join(REPO_ROOT, 'test', 'integration');
const RESTRICTED_DIR = 'restricted';
/** Tests of a host with no credentials and no emulator: their own launch. */
const SIGNED_OUT_DIR = 'signedOut';
/** Two-phase tests across a window reload: `before/` runs, the window reloads, then `after/`. */
const RELOAD_DIR = 'reload';

interface Options {
  tests?: string;
  grep?: string;
  timeoutMs: number;
  screenshot?: string;
  screenshots?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      tests: { type: 'string' },
      grep: { type: 'string' },
      timeout: { type: 'string' },
      screenshot: { type: 'string' },
      screenshots: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const timeoutSeconds = values.timeout === undefined ? 180 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`--timeout takes a number of seconds, not "${values.timeout}".\n${USAGE}`);
  return {
    tests: values.tests === undefined ? undefined : resolve(values.tests),
    grep: values.grep,
    timeoutMs: timeoutSeconds * 1000,
    screenshot: values.screenshot === undefined ? undefined : resolve(values.screenshot),
    screenshots: values.screenshots === undefined ? undefined : resolve(values.screenshots),
  };
}

/**
 * The default run: the main suite against the seeded emulator with trust off, one that reloads
 * the window between two sets of tests, a small one in Restricted Mode, and one signed out (an
 * empty gcloud config, no emulator, no credentials).
 */
async function defaultSuites(options: Options, scratch: string): Promise<HostSuite[]> {
  const main = await bundleMochaEntry(
    findTestFiles(INTEGRATION_DIR, [RESTRICTED_DIR, SIGNED_OUT_DIR, RELOAD_DIR]),
    join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
  );
  const restricted = await bundleMochaEntry(
    findTestFiles(join(INTEGRATION_DIR, RESTRICTED_DIR)),
    join(REPO_ROOT, 'out', 'test', 'integration-restricted', 'index.js'),
  );
  const signedOut = await bundleMochaEntry(findTestFiles(join(INTEGRATION_DIR, SIGNED_OUT_DIR)), join(REPO_ROOT, 'out', 'test', 'integration-signed-out', 'index.js'));
  const beforeReload = await bundleMochaEntry(findTestFiles(join(INTEGRATION_DIR, RELOAD_DIR, 'before')), join(REPO_ROOT, 'out', 'test', 'integration-reload', 'before.js'));
  const afterReload = await bundleMochaEntry(findTestFiles(join(INTEGRATION_DIR, RELOAD_DIR, 'after')), join(REPO_ROOT, 'out', 'test', 'integration-reload', 'after.js'));
  for (const dir of ['gcloud', 'home']) mkdirSync(join(scratch, dir));
  const screenshots = [
    ...(options.screenshot ? [{ path: options.screenshot, prepare: prepareViewsScreenshot }] : []),
    ...(options.screenshots ? viewScreenshots(options.screenshots) : []),
  ];
  return [
    {
      name: 'integration',
      testsEntry: main,
      emulator: { seed: 'demo', freshForWorkbench: true },
      uiTests: [...vertexContainerTests, ...commandPaletteTests, ...jobLogsUiTests, ...projectSwitchUiTests],
      screenshots,
      grep: options.grep,
      timeoutMs: options.timeoutMs,
    },
    {
      name: 'window-reload',
      testsEntry: beforeReload,
      afterReload,
      emulator: { seed: 'demo' },
      grep: options.grep,
      timeoutMs: options.timeoutMs,
    },
    {
      name: 'restricted-mode',
      testsEntry: restricted,
      settings: { 'security.workspace.trust.enabled': true },
      grep: options.grep,
      timeoutMs: options.timeoutMs,
    },
    {
      name: 'signed-out',
      testsEntry: signedOut,
      // A project, so the session goes on to look for credentials, and finds none.
      settings: { 'vertexAI.project': 'signed-out-project' },
      env: {
        CLOUDSDK_CONFIG: join(scratch, 'gcloud'),
        HOME: join(scratch, 'home'),
        GOOGLE_APPLICATION_CREDENTIALS: undefined,
        CLOUDSDK_CORE_PROJECT: undefined,
      },
      uiTests: signInWelcomeTests,
      grep: options.grep,
      timeoutMs: options.timeoutMs,
    },
  ];
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const electron = process.env.VSCODE_TEST_HOST === 'electron';
  const started = Date.now();
  if (!electron) await ensureHostInstalled();
  await runCommand(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT });

  const scratch = mkdtempSync(join(tmpdir(), 'vertex-run-'));
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const suites: HostSuite[] = options.tests
    ? [{ name: 'entry', testsEntry: options.tests, emulator: { seed: 'demo' }, grep: options.grep, timeoutMs: options.timeoutMs }]
    : await defaultSuites(options, scratch);
  const records: TestRecord[] = [];
  let hostFailed = false;
  for (const suite of suites) {
    const trust = suite.settings?.['security.workspace.trust.enabled'] ? 'on' : 'off';
    const host = electron ? 'VS Code desktop (@vscode/test-electron)' : `code-server ${CODE_SERVER_VERSION} + Chromium`;
    console.log(`\n${suite.name} — ${host}, workspace trust ${trust}`);
    const outcome: SuiteOutcome = electron ? await runElectronSuite(suite) : await runHostSuite(suite);
    records.push(...outcome.records);
    hostFailed ||= outcome.failureArtifacts !== undefined;
  }
  console.log(`\nIntegration run took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log(summaryLine(records));
  return hostFailed || records.length === 0 || records.some((r) => r.state === 'failed') ? 1 : 0;
}

// Exiting runs the 'exit' hooks that kill code-server's process group and Playwright's browser.
process.on('SIGINT', () => {
  console.error('\nInterrupted: stopping the host.');
  process.exit(130);
});

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
