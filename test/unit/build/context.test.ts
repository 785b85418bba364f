import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contextContentHash } from '../../../src/build/content-hash';
import { contextTarGz, largeContextWarning, largestPaths, listContext } from '../../../src/build/context';
import { streamToBuffer } from '../../../src/build/tar';

const scratch = mkdtempSync(join(tmpdir(), 'context-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function tree(files: Record<string, string>): string {
  const root = join(scratch, `t${counter++}`);
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(path.endsWith('/') ? abs : dirname(abs), { recursive: true });
    if (!path.endsWith('/')) writeFileSync(abs, content);
  }
  return root;
}

const SERVICE_ACCOUNT = JSON.stringify({
  type: 'service_account', project_id: 'p', private_key_id: 'k',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n', client_email: 'x@p.iam.gserviceaccount.com',
});

describe('listContext', () => {
  it('applies each ignore file with Docker semantics, exceptions included', async () => {
    const root = tree({
      '.dockerignore': '# build outputs\ndata/\ndocs\n!docs/README.md\n*.md\n!README.md\n',
      '.vertexignore': '**/*.ckpt\n',
      '.gcloudignore': 'notes/**\n',
      'Dockerfile': 'FROM scratch\n',
      'README.md': 'keep',
      'CHANGES.md': 'drop',
      'data/big.bin': 'x',
      'docs/README.md': 'keep',
      'docs/guide.txt': 'drop',
      'trainer/task.py': 'print(1)\n',
      'trainer/model.ckpt': 'drop',
      'notes/a.txt': 'drop',
      'empty/': '',
    });
    const listing = await listContext(root);
    assert.deepEqual(listing.files.map((f) => f.path), [
      '.dockerignore', '.gcloudignore', '.vertexignore', 'Dockerfile', 'README.md', 'docs/README.md', 'trainer/task.py',
    ]);
    // `notes/**` matches what is inside notes/, not notes itself: Docker sends it empty.
    assert.deepEqual(listing.dirs, ['docs', 'empty', 'notes', 'trainer']);
    assert.equal(listing.totalBytes, listing.files.reduce((sum, f) => sum + f.size, 0));
    assert.deepEqual(listing.ignoredSensitive, []);
  });

  it('never sends git metadata, env files, PEM keys or credential JSON unless a "!" pattern says so', async () => {
    const root = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/objects/ab/cdef': 'blob',
      '.env': 'TOKEN=1',
      '.env.example': 'TOKEN=',
      'certs/server.pem': 'pem',
      'keys/sa.json': SERVICE_ACCOUNT,
      'gcloud/application_default_credentials.json': '{}',
      'config.json': '{"type": "service_account_settings", "lr": 0.1}',
      'trainer/task.py': 'pass\n',
      '.dockerignore': '!.env.example\n',
    });
    const listing = await listContext(root);
    assert.deepEqual(listing.files.map((f) => f.path), ['.dockerignore', '.env.example', 'config.json', 'trainer/task.py']);
    assert.deepEqual(listing.ignoredSensitive, [
      { path: '.env', reason: 'env' },
      { path: '.git', reason: 'git' },
      { path: 'certs/server.pem', reason: 'pem' },
      { path: 'gcloud/application_default_credentials.json', reason: 'credentials' },
      { path: 'keys/sa.json', reason: 'credentials' },
    ]);
    assert.deepEqual(listing.dirs, ['certs', 'gcloud', 'keys', 'trainer']);
  });

  it('lets an explicit exception bring back a sensitive directory, and plain ignores stay silent', async () => {
    const root = tree({ '.git/HEAD': 'ref', '.env': 'A=1', '.dockerignore': '!.git\n.env\n' });
    const listing = await listContext(root);
    assert.deepEqual(listing.files.map((f) => f.path), ['.dockerignore', '.git/HEAD']);
    assert.deepEqual(listing.ignoredSensitive, [], '.env is ignored by the user, not by the safety layer');
  });

  it('reports a sensitive directory once even when it has to be walked for exceptions', async () => {
    const root = tree({ '.git/HEAD': 'ref', '.git/config': 'c', 'a.txt': 'a', '.dockerignore': '*.txt\n!a.txt\n' });
    const listing = await listContext(root);
    assert.deepEqual(listing.ignoredSensitive, [{ path: '.git', reason: 'git' }]);
    assert.deepEqual(listing.files.map((f) => f.path), ['.dockerignore', 'a.txt']);
  });

  it('keeps paths a remote build needs, walks only the given roots, and records symlinks and exec bits', async () => {
    const root = tree({
      '.dockerignore': 'Dockerfile\n.dockerignore\n',
      'Dockerfile': 'FROM scratch\n',
      'trainer/task.py': 'pass\n',
      'trainer/run.sh': '#!/bin/sh\n',
      'other/x.txt': 'x',
    });
    chmodSync(join(root, 'trainer/run.sh'), 0o755);
    symlinkSync('task.py', join(root, 'trainer/alias.py'));
    const kept = await listContext(root, { keep: ['Dockerfile', '.dockerignore'] });
    assert.ok(kept.files.some((f) => f.path === 'Dockerfile') && kept.files.some((f) => f.path === '.dockerignore'));
    const only = await listContext(root, { only: ['trainer', 'missing'], extraPatterns: ['**/*.sh'] });
    assert.deepEqual(only.files.map((f) => [f.path, f.kind, f.target ?? '']), [
      ['trainer/alias.py', 'symlink', 'task.py'], ['trainer/task.py', 'file', ''],
    ]);
    const all = await listContext(root, { keep: ['Dockerfile'] });
    assert.equal(all.files.find((f) => f.path === 'trainer/run.sh')?.executable, true);
    assert.equal(all.files.find((f) => f.path === 'trainer/task.py')?.executable, false);
  });
});

describe('context archive and hash', () => {
  it('packs exactly the listed files, reproducibly', async () => {
    const root = tree({ '.dockerignore': 'skip/\n', 'a.txt': 'a', 'sub/b.txt': 'bb', 'skip/c.txt': 'c', 'sub/empty/': '' });
    const listing = await listContext(root);
    const first = await streamToBuffer(contextTarGz(listing));
    utimesSync(join(root, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const second = await streamToBuffer(contextTarGz(await listContext(root)));
    assert.deepEqual(first, second);
    const archive = join(scratch, 'ctx.tar.gz');
    writeFileSync(archive, first);
    const names = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(names, ['.dockerignore', 'a.txt', 'sub/', 'sub/b.txt', 'sub/empty/']);
    const out = join(scratch, 'ctx-out');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    assert.equal(readFileSync(join(out, 'sub/b.txt'), 'utf8'), 'bb');
  });

  it('hashes contents, paths, exec bits and build args, not timestamps', async () => {
    const root = tree({ 'a.txt': 'a', 'sub/b.txt': 'b' });
    const base = await contextContentHash(await listContext(root));
    assert.match(base, /^[0-9a-f]{64}$/);
    utimesSync(join(root, 'a.txt'), new Date(2002, 1, 1), new Date(2002, 1, 1));
    assert.equal(await contextContentHash(await listContext(root)), base);
    chmodSync(join(root, 'a.txt'), 0o755);
    const executable = await contextContentHash(await listContext(root));
    assert.notEqual(executable, base);
    chmodSync(join(root, 'a.txt'), 0o644);
    writeFileSync(join(root, 'sub/b.txt'), 'B');
    assert.notEqual(await contextContentHash(await listContext(root)), base);
    writeFileSync(join(root, 'sub/b.txt'), 'b');
    assert.equal(await contextContentHash(await listContext(root)), base);
    const gpu = await contextContentHash(await listContext(root), { BASE_IMAGE: 'gpu:latest' });
    assert.notEqual(gpu, base);
    assert.notEqual(await contextContentHash(await listContext(root), { BASE_IMAGE: 'tpu:latest' }), gpu);
  });

  it('warns about a large context and names its largest paths', async () => {
    const root = tree({ 'data/a.bin': 'x'.repeat(3000), 'data/b.bin': 'x'.repeat(2000), 'model.pt': 'x'.repeat(1500), 'small.py': 'x' });
    const listing = await listContext(root);
    assert.equal(largeContextWarning(listing), undefined);
    const warning = largeContextWarning(listing, 4000);
    assert.match(warning ?? '', /6\.5 kB, over 4\.0 kB/);
    assert.match(warning ?? '', /Largest: data\/ \(5\.0 kB\), model\.pt \(1\.5 kB\), small\.py \(1 B\)/);
    assert.deepEqual(largestPaths(listing, 2).files, [{ path: 'data/a.bin', bytes: 3000 }, { path: 'data/b.bin', bytes: 2000 }]);
  });
});
