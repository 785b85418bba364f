import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import type { AiplatformModule } from '../../../src/cloud/googleLibs';
import { aiplatformClientOptions } from '../../../src/cloud/vertexClients';

const ROOT = join(__dirname, '..', '..', '..');
const LOCATION = 'projects/demo-project/locations/us-central1';
type ClientOptions = ConstructorParameters<AiplatformModule['clients']['JobServiceClient']>[0];

/**
 * The aiplatform bundle as esbuild.mjs builds it, with trimmed descriptor sets (tests elsewhere
 * run the library unbundled, with its full sets): each client and its LRO client must still
 * work over both transports.
 */
describe('the dist/google/aiplatform.js bundle with trimmed descriptor sets', () => {
  let dir: string;
  let lib: AiplatformModule;
  let emu: Emulator;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aiplatform-bundle-'));
    const { trimmedProtoSets } = (await import(pathToFileURL(join(ROOT, 'scripts', 'trim-protos.mjs')).href)) as { trimmedProtoSets(outDir: string): esbuild.Plugin };
    const outfile = join(dir, 'aiplatform.js');
    await esbuild.build({ entryPoints: [join(ROOT, 'src/cloud/google/aiplatform.ts')], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error', plugins: [trimmedProtoSets(join(ROOT, 'out', 'protos'))] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    lib = require(outfile) as AiplatformModule;
    emu = await startEmulator({ seed: 'demo' });
  });
  after(async () => {
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const transport of ['grpc', 'rest'] as const) {
    test(`lists, gets and deletes through a long-running operation over ${transport}`, async () => {
      const options = aiplatformClientOptions({ project: 'demo-project', region: 'us-central1', transport, overrides: { aiplatform: emu.url } }, lib) as ClientOptions;
      const jobs = new lib.clients.JobServiceClient(options);
      const pipelines = new lib.clients.PipelineServiceClient(options);
      try {
        const [listed] = await jobs.listCustomJobs({ parent: LOCATION, pageSize: 50 }, { autoPaginate: false });
        const done = listed.find((j) => j.state === 'JOB_STATE_SUCCEEDED');
        assert.ok(done?.name, 'the demo seed has a succeeded custom job');
        const [got] = await jobs.getCustomJob({ name: done.name });
        assert.equal(got.jobSpec?.workerPoolSpecs?.[0]?.machineSpec?.machineType, done.jobSpec?.workerPoolSpecs?.[0]?.machineSpec?.machineType);
        const [operation] = await jobs.deleteCustomJob({ name: done.name });
        await operation.promise();
        // Through the Operations client, whose descriptor set is trimmed too.
        const resumed = await jobs.checkDeleteCustomJobProgress(String(operation.name));
        assert.equal(resumed.done, true);
        await assert.rejects(jobs.getCustomJob({ name: done.name }), /NOT_FOUND|not exist/);
        const [runs] = await pipelines.listPipelineJobs({ parent: LOCATION }, { autoPaginate: false });
        assert.ok(runs.length > 0);
      } finally {
        await Promise.allSettled([jobs.close(), pipelines.close()]);
      }
    });
  }
});
