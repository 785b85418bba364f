import type { Page } from 'playwright-core';
import type { UiTest } from '../../host/uiTest';
import { openVertexContainer } from './vertexContainer';

function statusItem(page: Page, text: string) {
  return page.locator('.part.statusbar .statusbar-item', { hasText: text });
}

/** Clicks the `project · region` item and chooses "Change Project". */
async function openProjectPick(page: Page, current: string): Promise<void> {
  await page.keyboard.press('Escape');
  const item = statusItem(page, `${current} · us-central1`);
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  await item.click();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Change Project' }).click();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Google Cloud project' }).waitFor({ state: 'visible', timeout: 15_000 });
}

async function accept(page: Page, text: string, rowText: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

export const projectSwitchUiTests: UiTest[] = [
  {
    title: 'the status bar item switches the project from the Resource Manager list or a typed ID',
    run: async ({ page }) => {
      // The extension activates from its views; the status bar item appears with it.
      await openVertexContainer(page);
      await openProjectPick(page, 'demo-project');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Forecasting (prod)' }).waitFor({ state: 'visible', timeout: 15_000 });
      await accept(page, 'forecasting-prod', 'Forecasting (prod)');
      await statusItem(page, 'forecasting-prod · us-central1').waitFor({ state: 'visible', timeout: 15_000 });

      await openProjectPick(page, 'forecasting-prod');
      await accept(page, 'typed-project-77', 'typed-project-77');
      await statusItem(page, 'typed-project-77 · us-central1').waitFor({ state: 'visible', timeout: 15_000 });

      await openProjectPick(page, 'typed-project-77');
      await accept(page, 'demo-project', 'Demo Project');
      await statusItem(page, 'demo-project · us-central1').waitFor({ state: 'visible', timeout: 15_000 });
    },
  },
];
