import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vertex-ai-training.vertex-ai-training';

/** Heavy Google libraries, and the lazily loaded bundles that will hold them, by module path. */
const GOOGLE_LIBRARY_PATH = /[\\/](@google-cloud[\\/]|google-gax[\\/]|dist[\\/]google[\\/])/;

/** Cold `activate()` time in this extension host, and what it pulled into the module cache. */
export async function measureActivation(): Promise<Record<string, number>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in the bench host.`);
  if (extension.isActive) throw new Error('The extension was already active, so its activation cannot be timed cold.');
  const started = performance.now();
  await extension.activate();
  const activationMs = performance.now() - started;
  const cached = Object.keys(createRequire(__filename).cache);
  // A zero only means something if this cache is the one the extension was loaded into.
  const main = join(extension.extensionPath, (extension.packageJSON as { main: string }).main);
  if (!cached.some((path) => path === main || path === `${main}.js`)) throw new Error(`${main} is not in the module cache this bench reads.`);
  const loaded = cached.filter((path) => GOOGLE_LIBRARY_PATH.test(path));
  return { activation_ms: activationMs, google_libs_loaded_at_activation: loaded.length };
}
