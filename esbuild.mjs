// Bundles the extension. Type checking is separate (`npm run typecheck`).
// --production: minified, no source maps (for the VSIX). --watch: rebuild on change.
//
// dist/extension.js is small and loads fast. The Google client libraries go into separate
// bundles under dist/google/, required only when first used (src/cloud/googleLibs.ts).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { trimProtos } from './scripts/trim-protos.mjs';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const AIPLATFORM_SERVICES = ['JobService', 'ModelService', 'EndpointService', 'PredictionService', 'DatasetService', 'PipelineService']
  .map((s) => `google.cloud.aiplatform.v1.${s}`)
  .concat('google.longrunning.Operations');

/** The trimmed aiplatform descriptor set, rebuilt only when the installed library changes. */
function trimmedAiplatformProtos() {
  const source = require.resolve('@google-cloud/aiplatform/build/protos/protos.json');
  const target = 'out/protos/aiplatform-trimmed.json';
  if (!existsSync(target) || statSync(target).mtimeMs < statSync(source).mtimeMs || statSync(target).mtimeMs < statSync('scripts/trim-protos.mjs').mtimeMs) {
    mkdirSync('out/protos', { recursive: true });
    writeFileSync(target, JSON.stringify(trimProtos(JSON.parse(readFileSync(source, 'utf8')), AIPLATFORM_SERVICES)));
  }
  return new URL(target, `file://${process.cwd()}/`).pathname;
}

/** In the extension bundle, `./google/*` stays a runtime require of dist/google/*.js. */
const lazyGoogleLibs = {
  name: 'lazy-google-libs',
  setup(build) {
    build.onResolve({ filter: /^\.\/google\/[a-z]+$/ }, (args) =>
      args.importer.includes('src/cloud') ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

const trimmedProtos = {
  name: 'trimmed-aiplatform-protos',
  setup(build) {
    const trimmed = trimmedAiplatformProtos();
    build.onResolve({ filter: /protos\/protos\.json$/ }, (args) =>
      args.importer.includes('@google-cloud/aiplatform') ? { path: trimmed } : undefined,
    );
  },
};

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
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyGoogleLibs] },
  // The Google bundles are not worth source maps; they are third-party code.
  { ...common, entryPoints: ['src/cloud/google/aiplatform.ts'], outfile: 'dist/google/aiplatform.js', sourcemap: false, minify: true, plugins: [trimmedProtos] },
  { ...common, entryPoints: ['src/cloud/google/auth.ts'], outfile: 'dist/google/auth.js', sourcemap: false, minify: true },
  { ...common, entryPoints: ['src/cloud/google/logging.ts'], outfile: 'dist/google/logging.js', sourcemap: false, minify: true },
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
}
