import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { UiTest } from '../../host/uiTest';

export const CONTAINER_TITLE = 'Vertex AI';
export const VIEW_NAMES = ['Datasets', 'Training Jobs', 'Models', 'Endpoints'];

function activityBarTab(page: Page) {
  return page.locator(`.part.activitybar li[role="tab"]:has(a[aria-label^="${CONTAINER_TITLE}"])`);
}

/** Opens the container from the activity bar; clicking an already open one would close it. */
export async function openVertexContainer(page: Page): Promise<void> {
  const tab = activityBarTab(page);
  await tab.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true' || !(await page.locator('.part.sidebar').isVisible())) await tab.click();
  await page.locator('.part.sidebar .composite.title', { hasText: CONTAINER_TITLE.toUpperCase() }).waitFor({ state: 'visible', timeout: 10_000 });
}

/** Leaves the container open with no tooltip or palette over it, for the README screenshot. */
export async function prepareViewsScreenshot(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await openVertexContainer(page);
  await page.mouse.move(700, 450);
  await page.waitForTimeout(500);
}

export const vertexContainerTests: UiTest[] = [
  {
    title: `the "${CONTAINER_TITLE}" container is in the activity bar`,
    run: async ({ page }) => {
      await activityBarTab(page).waitFor({ state: 'visible', timeout: 15_000 });
    },
  },
  {
    title: `opening it shows its views: ${VIEW_NAMES.join(', ')}`,
    run: async ({ page }) => {
      await openVertexContainer(page);
      const headers = page.locator('.part.sidebar .pane-header');
      await headers.first().waitFor({ state: 'visible', timeout: 10_000 });
      const labels = await headers.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
      const expected = VIEW_NAMES.map((name) => `${name} Section`);
      assert.deepEqual(labels.filter((label) => expected.includes(label)), expected, `view headers found: ${labels.join(', ')}`);
      for (const name of VIEW_NAMES) {
        assert.ok(await page.locator(`.part.sidebar .pane-header[aria-label="${name} Section"]`).isVisible(), `${name} is not visible`);
      }
    },
  },
];
