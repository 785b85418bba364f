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
  /**
   * The next exit code the workbench passes to `window.codeAutomationExit` when extension tests
   * end; each load of the page with a tests entry reports one, in order.
   */
  nextExit(): Promise<{ code: number }>;
}

/** Opens a page that appends the workbench console, and what the extension host forwards to it, to `consoleLines`. */
export async function openWorkbenchPage(browser: Browser, consoleLines: string[], viewport = { width: 1440, height: 900 }): Promise<WorkbenchPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const exits = new ExitQueue();
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
  await page.exposeFunction('codeAutomationExit', (code: number) => exits.push({ code }));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) =>
    consoleLines.push(`[host ${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`),
  );
  return { page, nextExit: () => exits.next() };
}

/** Resolves once the workbench has rendered its activity bar, the sign that the UI is usable. */
export async function waitForWorkbench(page: Page, timeoutMs: number): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Exit reports in arrival order, each taken by one `next()`, whether it came before or after. */
export class ExitQueue {
  private readonly arrived: { code: number }[] = [];
  private readonly waiting: ((exit: { code: number }) => void)[] = [];

  push(exit: { code: number }): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(exit);
    else this.arrived.push(exit);
  }

  next(): Promise<{ code: number }> {
    const exit = this.arrived.shift();
    return exit ? Promise.resolve(exit) : new Promise((resolve) => this.waiting.push(resolve));
  }
}
