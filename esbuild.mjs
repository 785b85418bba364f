// Bundles the extension. Type checking is separate (`npm run typecheck`).
// --production: minified, no source maps (for the VSIX). --watch: rebuild on change.
//
// dist/extension.js is the thin core that activation loads; everything else is dist/features.js,
// required on first use (src/extension.ts). The Google client libraries go into separate bundles
// under dist/google/, required only when first used (src/cloud/googleLibs.ts).
import * as esbuild from 'esbuild';
import { trimmedProtoSets } from './scripts/trim-protos.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** In the extension bundle, `./google/*` stays a runtime require of dist/google/*.js. */
const lazyGoogleLibs = {
  name: 'lazy-google-libs',
  setup(build) {
    build.onResolve({ filter: /^\.\/google\/[a-z]+$/ }, (args) =>
      args.importer.includes('src/cloud') ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

/** In the core bundle, `./features` stays a runtime require of dist/features.js (src/extension.ts). */
const lazyFeatures = {
  name: 'lazy-features',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) => (args.importer.endsWith('src/extension.ts') ? { path: './features.js', external: true } : undefined));
  },
};

/**
 * Activation loads dist/extension.js only, so it must stay the thin core: its sources are
 * src/extension.ts, src/core/ and the spec file-name test, nothing from node_modules. The budget is
 * about four times its size today (4 KiB minified, 7 KiB not): room for more stubs, not for a feature.
 */
const CORE_SOURCES = /^(src\/extension\.ts|src\/core\/[^/]+\.ts|src\/views\/spec\/specFileNames\.ts)$/;
const CORE_BUDGET_BYTES = (production ? 16 : 32) * 1024;

function checkCoreBundle(metafile) {
  const core = metafile.outputs['dist/extension.js'];
  if (!core) return [];
  const foreign = Object.keys(core.inputs).filter((input) => !CORE_SOURCES.test(input));
  const listed = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
  const problems = foreign.length ? [`dist/extension.js must hold the core only, but bundles ${listed}`] : [];
  if (core.bytes > CORE_BUDGET_BYTES) problems.push(`dist/extension.js is ${core.bytes} bytes, over its budget of ${CORE_BUDGET_BYTES}`);
  return problems;
}

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyFeatures] },
  { ...common, entryPoints: ['src/features.ts'], outfile: 'dist/features.js', plugins: [lazyGoogleLibs] },
  // The Google bundles are not worth source maps; they are third-party code.
  { ...common, entryPoints: ['src/cloud/google/aiplatform.ts'], outfile: 'dist/google/aiplatform.js', sourcemap: false, minify: true, plugins: [trimmedProtoSets()] },
  { ...common, entryPoints: ['src/cloud/google/auth.ts'], outfile: 'dist/google/auth.js', sourcemap: false, minify: true },
  { ...common, entryPoints: ['src/cloud/google/logging.ts'], outfile: 'dist/google/logging.js', sourcemap: false, minify: true },
  { ...common, entryPoints: ['src/cloud/google/resourcemanager.ts'], outfile: 'dist/google/resourcemanager.js', sourcemap: false, minify: true, plugins: [trimmedProtoSets()] },
  // keepNames: node-fetch (under the storage library's gaxios) checks its AbortSignal by class name.
  { ...common, entryPoints: ['src/cloud/google/storage.ts'], outfile: 'dist/google/storage.js', sourcemap: false, minify: true, keepNames: true },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching src/ …');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  const sizes = results.flatMap((r) => Object.entries(r.metafile.outputs)).filter(([f]) => f.endsWith('.js'));
  const report = sizes.map(([file, o]) => `${file} ${(o.bytes / 1024).toFixed(0)} KiB`).join(', ');
  console.log(`esbuild: ${report} in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
  const problems = results.flatMap((r) => checkCoreBundle(r.metafile));
  if (problems.length) {
    console.error(`esbuild: ${problems.join('; ')}.`);
    process.exit(1);
  }
}
