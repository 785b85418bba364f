import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandTable } from '../../../src/core/commandTable';

describe('CommandTable', () => {
  it('dispatches a stubbed command to the handler the features set, with its arguments and result', async () => {
    const table = new CommandTable(['vertexAI.submitTrainingJob']);
    table.set('vertexAI.submitTrainingJob', async (spec: string, count: number) => `${spec}:${count}`);
    assert.equal(await table.dispatch('vertexAI.submitTrainingJob', ['train.vertex.yaml', 2]), 'train.vertex.yaml:2');
  });

  it('knows only the contributed ids, so other commands register with VS Code directly', () => {
    const table = new CommandTable(['vertexAI.refresh']);
    assert.equal(table.has('vertexAI.refresh'), true);
    assert.equal(table.has('vertexAI.internal'), false);
    assert.throws(() => table.set('vertexAI.internal', () => undefined), /no stub/);
  });

  it('reports contributed commands left without a handler, and refuses a second handler', () => {
    const table = new CommandTable(['vertexAI.a', 'vertexAI.b']);
    table.set('vertexAI.a', () => 1);
    assert.deepEqual(table.missing(), ['vertexAI.b']);
    assert.throws(() => table.set('vertexAI.a', () => 2), /two handlers/);
    assert.throws(() => table.dispatch('vertexAI.b', []), /No handler for vertexAI.b/);
  });
});
