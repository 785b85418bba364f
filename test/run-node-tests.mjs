// Runs every *.test.ts under the given folders with Node's test runner (TypeScript through tsx).
// Node 20's --test takes no globs, so the files are listed here.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const dirs = process.argv.slice(2).filter((d) => existsSync(d));
const files = dirs.flatMap((d) => collect(d, [])).sort();
if (files.length === 0) {
  console.error(`No *.test.ts files under ${process.argv.slice(2).join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
