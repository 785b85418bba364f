import type { Page } from 'playwright-core';

/** The parts of package.json the workbench checks read. */
export interface ExtensionManifest {
  publisher: string;
  name: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
    viewsContainers?: { activitybar?: { id: string; title: string }[] };
    views?: Record<string, { id: string; name: string }[]>;
  };
}

export interface UiTestContext {
  /** A workbench page with the extension under development loaded (no extension tests). */
  page: Page;
  manifest: ExtensionManifest;
}

/** A check driven from the runner through Playwright, on the real workbench page. */
export interface UiTest {
  title: string;
  run(context: UiTestContext): Promise<void>;
}
