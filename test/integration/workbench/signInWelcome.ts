import type { Page } from 'playwright-core';
import type { UiTest } from '../../host/uiTest';
import { openVertexContainer } from './vertexContainer';

/** The body of a view in the Vertex AI container, by its name. */
export function viewPane(page: Page, viewName: string) {
  return page.locator(`.part.sidebar .pane:has(> .pane-header[aria-label="${viewName} Section"])`);
}

export const signInWelcomeTests: UiTest[] = [
  {
    title: 'signed out, the Training Jobs view shows the sign-in welcome with its button',
    run: async ({ page }) => {
      await openVertexContainer(page);
      const pane = viewPane(page, 'Training Jobs');
      await pane.locator('.welcome-view-content', { hasText: 'Sign in to Google Cloud' }).waitFor({ state: 'visible', timeout: 15_000 });
      await pane.locator('.welcome-view-content .monaco-button', { hasText: 'Sign In with gcloud' }).waitFor({ state: 'visible', timeout: 5_000 });
    },
  },
];
