import * as assert from 'node:assert/strict';
import type { ExtensionManifest, UiTest } from '../../host/uiTest';

/** Commands that should show in the palette: those with no `when` in menus.commandPalette. */
export function paletteLabels(manifest: ExtensionManifest): string[] {
  const conditional = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((m) => m.when).map((m) => m.command));
  return (manifest.contributes?.commands ?? [])
    .filter((c) => !conditional.has(c.command))
    .map((c) => (c.category ? `${c.category}: ${c.title}` : c.title));
}

export const commandPaletteTests: UiTest[] = [
  {
    title: 'the command palette lists the extension\'s commands under "Vertex AI"',
    run: async ({ page, manifest }) => {
      const labels = paletteLabels(manifest);
      assert.ok(labels.length > 0, 'package.json contributes no commands');
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('>Vertex AI');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
      // Rows are virtualised, so each command is looked up by its own full label.
      const missing: string[] = [];
      for (const label of labels) {
        await input.fill(`>${label}`);
        const row = page.locator(`.quick-input-list .monaco-list-row[aria-label="${label.replace(/"/g, '\\"')}"]`);
        if (!(await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) missing.push(label);
      }
      await page.keyboard.press('Escape');
      assert.deepEqual(missing, [], 'commands not found in the command palette');
    },
  },
];
