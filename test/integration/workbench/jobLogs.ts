import * as assert from 'node:assert/strict';
import type { UiTest } from '../../host/uiTest';
import { viewPane } from './signInWelcome';
import { openVertexContainer } from './vertexContainer';

/** The demo seed's running job, which keeps writing log lines. */
const RUNNING_JOB = 'embeddings-l4-running';

export const jobLogsUiTests: UiTest[] = [
  {
    title: 'a running job\'s inline "Show Logs" opens its log channel, coloured by the vertex-log grammar',
    run: async ({ page }) => {
      await openVertexContainer(page);
      const pane = viewPane(page, 'Training Jobs');
      const row = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: RUNNING_JOB }) }).first();
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      await row.hover();
      await row.locator('.action-label[aria-label="Show Logs"]').click();

      // Monaco renders runs of spaces as no-break spaces, which `\s` matches.
      const output = page.locator('.part.panel .monaco-editor .view-lines');
      const entry = output.locator('.view-line', { hasText: /\sINFO\s+workerpool0-0\s+Epoch\s/ }).first();
      await entry.waitFor({ state: 'visible', timeout: 20_000 });
      // Tokenising is asynchronous: on a busy machine the line is painted plain first.
      let classes: string[] = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await page.waitForTimeout(250)) {
        classes = await entry.locator('span > span').evaluateAll((spans) => spans.map((s) => s.className));
        if (new Set(classes).size >= 3) break;
      }
      assert.ok(new Set(classes).size >= 3, `the line is tokenised into several colours: ${classes.join(' ')}`);
    },
  },
];
