import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { REPO_ROOT } from './paths';

/** Every `*.test.ts` under `dir`, sorted, skipping folders named in `exclude`. */
export function findTestFiles(dir: string, exclude: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!exclude.includes(name)) found.push(...findTestFiles(path, exclude));
    } else if (name.endsWith('.test.ts')) {
      found.push(path);
    }
  }
  return found;
}

const HOST_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'linked',
  logLevel: 'warning',
};

/**
 * Bundles in-host mocha tests into one CommonJS entry exporting `run()`, the contract of
 * `extensionTestsPath`. `vscode` comes from the host and mocha from the repo's node_modules.
 */
export async function bundleMochaEntry(testFiles: readonly string[], outFile: string): Promise<string> {
  if (testFiles.length === 0) throw new Error('No in-host test files to bundle.');
  const requires = testFiles.map((file) => `    require(${JSON.stringify(file)});`).join('\n');
  const contents = [
    `import { runMochaSuite } from ${JSON.stringify(join(REPO_ROOT, 'test', 'host', 'mochaIndex'))};`,
    'export function run(): Promise<void> {',
    '  return runMochaSuite(() => {',
    requires,
    '  });',
    '}',
  ].join('\n');
  await build({
    ...HOST_BUNDLE_OPTIONS,
    stdin: { contents, resolveDir: REPO_ROOT, sourcefile: relative(REPO_ROOT, outFile) + '.ts', loader: 'ts' },
    outfile: outFile,
  });
  return outFile;
}

/** Bundles any module that already exports `run()` (e.g. the bench) for the extension host. */
export async function bundleHostEntry(entryFile: string, outFile: string): Promise<string> {
  await build({ ...HOST_BUNDLE_OPTIONS, entryPoints: [entryFile], outfile: outFile });
  return outFile;
}
