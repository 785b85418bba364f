import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { viewPane } from './signInWelcome';
import { openVertexContainer, VIEW_NAMES } from './vertexContainer';

/** Wide enough that descriptions ("state · age · hardware") are not cut off. */
const SIDEBAR_WIDTH = 640;

/** Drags the sash between the side bar and the editor until the side bar is `width` wide. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width + 1, y, { steps: 5 });
  await page.mouse.up();
}

/** Collapses every view of the container but `viewName`, and waits for its tree to fill. */
async function showOnly(page: Page, viewName: string, expand: readonly string[] = []): Promise<void> {
  await page.keyboard.press('Escape');
  await openVertexContainer(page);
  for (const name of VIEW_NAMES) {
    const header = page.locator(`.part.sidebar .pane-header[aria-label="${name} Section"]`);
    const expanded = (await header.getAttribute('aria-expanded')) === 'true';
    if (expanded !== (name === viewName)) await header.click();
  }
  await widenSideBar(page, SIDEBAR_WIDTH);
  const pane = viewPane(page, viewName);
  await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
  for (const label of expand) {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    await pane.locator('.monaco-list-row[aria-expanded="true"]', { has: page.locator('.label-name', { hasText: exact }) }).waitFor({ timeout: 10_000 });
  }
  await page.mouse.move(1200, 850);
  // Spinners and icons settle, tooltips close.
  await page.waitForTimeout(800);
}

/** Screenshots of each view filled from the demo seed, for the README. */
export function viewScreenshots(dir: string): { path: string; prepare: (page: Page) => Promise<void> }[] {
  return [
    { path: join(dir, 'training-jobs.png'), prepare: (page) => showOnly(page, 'Training Jobs', ['Hyperparameter Tuning Jobs', 'flowers-lr-sweep']) },
    { path: join(dir, 'models.png'), prepare: (page) => showOnly(page, 'Models', ['flowers-classifier', 'text-embedder']) },
    { path: join(dir, 'endpoints.png'), prepare: (page) => showOnly(page, 'Endpoints', ['flowers-prod', 'churn-prod']) },
    { path: join(dir, 'datasets.png'), prepare: (page) => showOnly(page, 'Datasets') },
  ];
}
