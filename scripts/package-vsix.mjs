// Packages dist/ into a VSIX (the bundle already holds the dependencies), then checks the
// VSIX against the allow-list and prints its size.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const out = `out/${pkg.name}-${pkg.version}.vsix`;
mkdirSync('out', { recursive: true });
const vsce = require.resolve('@vscode/vsce/vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], { stdio: 'inherit' });

const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const forbidden = listing.filter((f) => /^(node_modules|src|test)\//.test(f));
if (forbidden.length > 0) {
  console.error(`The VSIX must not contain node_modules/, src/ or test/, but has:\n  ${forbidden.join('\n  ')}`);
  process.exit(1);
}
// The core requires the features bundle at run time, so a VSIX without it activates and then fails.
const missing = ['dist/extension.js', 'dist/features.js'].filter((f) => !listing.includes(f));
if (missing.length > 0) {
  console.error(`The VSIX must contain ${missing.join(' and ')}.`);
  process.exit(1);
}
const bytes = statSync(out).size;
console.log(`VSIX: ${out} — ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes), ${listing.length} files`);
