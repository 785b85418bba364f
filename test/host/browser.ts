import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface WorkbenchUrlOptions {
  folder: string;
  extensionDevelopmentPath: string;
  /** Set for a test run: the workbench runs the entry's `run()` and then reports an exit code. */
  extensionTestsPath?: string;
}

export function workbenchUrl(serverUrl: string, options: WorkbenchUrlOptions): string {
  const remote = (path: string): string => `vscode-remote://${new URL(serverUrl).host}${path}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${serverUrl}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}


export interface WorkbenchPage {
  page: Page;
  /** The exit code the workbench passes to `window.codeAutomationExit` when the extension tests end. */
  exit: Promise<{ code: number }>;
}

/** Opens a page that appends the workbench console, and what the extension host forwards to it, to `consoleLines`. */
export async function openWorkbenchPage(browser: Browser, consoleLines: string[], viewport = { width: 1440, height: 900 }): Promise<WorkbenchPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  let resolveExit: (exit: { code: number }) => void = () => undefined;
  const exit = new Promise<{ code: number }>((resolve) => (resolveExit = resolve));
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit({ code }));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) =>
    consoleLines.push(`[host ${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`),
  );
  return { page, exit };
}

/** Resolves once the workbench has rendered its activity bar, the sign that the UI is usable. */
export async function waitForWorkbench(page: Page, timeoutMs: number): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}
