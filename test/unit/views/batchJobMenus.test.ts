import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateCategory } from '../../../src/cloud/trainingJobTypes';
import { contextPart, contextValue } from '../../../src/views/tree/contextValue';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; menus: Record<string, MenuItem[]> } };
const CATEGORIES: StateCategory[] = ['queued', 'pending', 'running', 'succeeded', 'failed', 'cancelling', 'cancelled', 'paused', 'unknown'];

/** The categories of batch job whose node offers `command` in `group` (the same contextValue the node sets). */
function offeredFor(command: string, group: RegExp): StateCategory[] {
  const items = manifest.contributes.menus['view/item/context'].filter((m) => m.command === command && group.test(m.group ?? ''));
  assert.ok(items.length > 0, `${command} has no item menu in ${group}`);
  return CATEGORIES.filter((category) =>
    items.some((item) => {
      const match = /^view == vertexAI\.trainingJobs && viewItem =~ \/(.+)\/$/.exec(item.when ?? '');
      assert.ok(match, `unexpected when clause for ${command}: ${item.when}`);
      return new RegExp(match[1]).test(contextValue('batchJob', contextPart(category)));
    }),
  );
}

test('batch prediction jobs offer Cancel while active and Delete once ended, inline and in the context menu', () => {
  assert.deepEqual(offeredFor('vertexAI.cancelBatchPrediction', /^inline@/), ['queued', 'pending', 'running', 'paused']);
  assert.deepEqual(offeredFor('vertexAI.cancelBatchPrediction', /^4_modify@/), ['queued', 'pending', 'running', 'paused']);
  assert.deepEqual(offeredFor('vertexAI.deleteBatchPrediction', /^4_modify@/), ['succeeded', 'failed', 'cancelled']);
});

test('both are contributed commands that take their target as an argument, so the palette hides them', () => {
  const commands = manifest.contributes.commands.map((c) => c.command);
  const palette = manifest.contributes.menus.commandPalette;
  for (const command of ['vertexAI.cancelBatchPrediction', 'vertexAI.deleteBatchPrediction']) {
    assert.ok(commands.includes(command), command);
    assert.equal(palette.find((m) => m.command === command)?.when, 'false', command);
  }
});
