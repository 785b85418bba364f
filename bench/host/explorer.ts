import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'vertex-ai-training.vertex-ai-training';
const VIEW = 'vertexAI.trainingJobs';
const CUSTOM = `${VIEW}/customJob`;
const PAGE = 50;

/**
 * The Training Jobs view against an emulator holding 10,000 custom jobs (the runner seeds it):
 * first page from the view opening cold, heap growth after paging through all, then a warm refresh.
 * "Rendered" is when the view's own getChildren call has the jobs (the test API shares its load).
 */
export async function measureExplorer(): Promise<Record<string, number>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in the bench host.`);
  const api = (await extension.activate()) as ExtensionApi;
  const gc = exposeGc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;

  const opened = performance.now();
  await vscode.commands.executeCommand(`${VIEW}.focus`);
  await api.getTreeNodes(VIEW);
  const first = await api.getTreeNodes(VIEW, CUSTOM);
  const firstPageMs = performance.now() - opened;
  assert.equal(first.filter((n) => n.contextValue?.startsWith('vertexAI.job.')).length, PAGE, 'a first page of 50 jobs');

  // After paging, the client is made and its channel open: the refresh below is warm.
  let pages = 1;
  for (let more = true; more; pages++) more = (await vscode.commands.executeCommand<boolean>('vertexAI.loadMore', CUSTOM)) === true;
  const all = await api.getTreeNodes(VIEW, CUSTOM);
  assert.equal(all.length, 10_000, `all jobs loaded in ${pages} pages`);
  // Let the workbench take the last redraw, then count only what stays.
  await new Promise((r) => setTimeout(r, 500));
  gc();
  const memoryGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);

  const refreshed = performance.now();
  await vscode.commands.executeCommand('vertexAI.refreshItem', CUSTOM);
  const again = await api.getTreeNodes(VIEW, CUSTOM);
  const warmRefreshMs = performance.now() - refreshed;
  assert.equal(again.length, PAGE + 1);
  return { first_page_ms: firstPageMs, warm_refresh_ms: warmRefreshMs, memory_growth_mb: memoryGrowthMb };
}

/** The heap's growth means what stays only after a collection; the host runs without --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
