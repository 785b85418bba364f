import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import type { ResourceManagerModule } from '../../../src/cloud/googleLibs';
import { ProjectLister, projectsClientOptions } from '../../../src/cloud/projects';

const ROOT = join(__dirname, '..', '..', '..');
type ClientOptions = ConstructorParameters<ResourceManagerModule['ProjectsClient']>[0];

/**
 * The resourcemanager bundle as esbuild.mjs builds it, with the descriptor set trimmed to the
 * Projects service (tests elsewhere run the library unbundled, with its full set).
 */
describe('the dist/google/resourcemanager.js bundle with a trimmed descriptor set', () => {
  let dir: string;
  let code: string;
  let lib: ResourceManagerModule;
  let emu: Emulator;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resourcemanager-bundle-'));
    const { trimmedProtoSets } = (await import(pathToFileURL(join(ROOT, 'scripts', 'trim-protos.mjs')).href)) as { trimmedProtoSets(outDir: string): esbuild.Plugin };
    const outfile = join(dir, 'resourcemanager.js');
    await esbuild.build({ entryPoints: [join(ROOT, 'src/cloud/google/resourcemanager.ts')], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error', plugins: [trimmedProtoSets(join(ROOT, 'out', 'protos'))] });
    code = readFileSync(outfile, 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    lib = require(outfile) as ResourceManagerModule;
    emu = await startEmulator({ seed: 'demo' });
  });
  after(async () => {
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('holds the Projects service and not the other six', () => {
    assert.match(code, /SearchProjects/);
    for (const method of ['ListFolders', 'SearchOrganizations', 'ListTagBindings', 'ListTagHolds', 'ListTagKeys', 'ListTagValues']) {
      assert.doesNotMatch(code, new RegExp(method), `${method} is still bundled`);
    }
  });

  for (const transport of ['grpc', 'rest'] as const) {
    test(`lists and gets projects over ${transport}`, async () => {
      const access = { transport, overrides: { resourcemanager: emu.url } };
      const lister = new ProjectLister(access, () => lib);
      const client = new lib.ProjectsClient(projectsClientOptions(access, lib) as ClientOptions);
      try {
        const listed = await lister.list();
        assert.deepEqual(listed.projects.map((p) => p.projectId), ['demo-project', 'forecasting-prod', 'ml-research-sandbox', 'vision-staging-7f3a']);
        const [search] = await client.searchProjects({ query: 'state:ACTIVE' }, { autoPaginate: false });
        const demo = search.find((p) => p.projectId === 'demo-project');
        assert.ok(demo?.name);
        const [got] = await client.getProject({ name: demo.name });
        assert.equal(got.displayName, 'Demo Project');
        assert.equal(got.state, 'ACTIVE');
        await assert.rejects(client.getProject({ name: 'projects/999999999' }), /NOT_FOUND|not found|denied/i);
      } finally {
        await Promise.allSettled([lister.close(), client.close()]);
      }
    });
  }
});
