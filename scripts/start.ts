import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TIMINGS } from '../test/emulator/core/emulator';
import { extensionSettings } from '../test/emulator/core/endpoint-settings';
import { DEMO_PROJECT, DEMO_REGION } from '../test/emulator/seed/demo';
import { startEmulator } from '../test/emulator/server';
import { startCodeServer } from '../test/host/codeServer';
import { ensureHostInstalled } from '../test/host/installer';
import { codeServerEntry, REPO_ROOT } from '../test/host/paths';
import { runCommand } from '../test/host/proc';
import { BASE_TEST_SETTINGS } from '../test/host/profile';
import { seedDemoWorkspace } from './demo-workspace';

const USAGE = `Usage: npm start -- [--port N] [--no-emulator]
  --port N         port for code-server on 127.0.0.1 (default: $PORT, else 8080 or the next free one; 0: any)
  --no-emulator    do not start the seeded Vertex AI emulator; use your own Google Cloud sign-in`;

/** Kept between runs, so a person's layout and edits in the demo survive a restart. */
const START_DIR = join(REPO_ROOT, 'out', 'start');
const DEMO_WORKSPACE = join(START_DIR, 'demo-workspace');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'no-emulator': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const requestedPort = values.port ?? process.env.PORT;
  const port = requestedPort === undefined ? await firstFreePort(8080) : Number(requestedPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${requestedPort}\n${USAGE}`);

  await ensureHostInstalled();
  const profile = {
    userDataDir: join(START_DIR, 'user-data'),
    extensionsDir: join(START_DIR, 'extensions'),
    configFile: join(START_DIR, 'code-server.yaml'),
    workspaceDir: DEMO_WORKSPACE,
  };
  await prepareDirs(profile.userDataDir, profile.configFile);

  console.log('Building and packaging the extension…');
  await runCommand(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT });
  // The same packaging as `npm run package`, so what runs here is what would ship.
  await runCommand(process.execPath, ['scripts/package-vsix.mjs'], { cwd: REPO_ROOT });
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = join(REPO_ROOT, 'out', `${manifest.name}-${manifest.version}.vsix`);
  await runCommand(process.execPath, [
    codeServerEntry(), '--config', profile.configFile, '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force',
  ]);

  const emulator = values['no-emulator'] ? undefined : await startEmulator({ port: 0, seed: 'demo', timings: DEMO_TIMINGS });
  const settings: Record<string, unknown> = {
    ...BASE_TEST_SETTINGS,
    // The demo folder sits inside this repository; don't offer to open the repository itself.
    'git.openRepositoryInParentFolders': 'never',
    ...(emulator ? extensionSettings(emulator.url, DEMO_PROJECT, DEMO_REGION) : {}),
  };
  await mergeUserSettings(join(profile.userDataDir, 'User', 'settings.json'), settings, emulator === undefined);
  if (emulator) console.log(`Vertex AI emulator (seeded demo, project ${DEMO_PROJECT}, ${DEMO_REGION}) on ${emulator.url}`);

  const server = await startCodeServer({
    profile,
    port,
    logFile: join(START_DIR, 'code-server.log'),
    env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
  });
  console.log(`\nOpen ${server.url}/?folder=${encodeURIComponent(DEMO_WORKSPACE)}\n(code-server log: ${server.logFile}). Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await server.stop();
    await emulator?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function prepareDirs(userDataDir: string, configFile: string): Promise<void> {
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  // An explicit, empty config keeps code-server from reading or writing ~/.config/code-server.
  if (!existsSync(configFile)) await writeFile(configFile, '');
  await seedDemoWorkspace(DEMO_WORKSPACE);
}

/** Sets the demo's settings and keeps whatever else the person changed in earlier runs. */
async function mergeUserSettings(file: string, settings: Record<string, unknown>, dropEmulator: boolean): Promise<void> {
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // Hand-edited settings may hold comments; keep them aside rather than fail the start.
      await rename(file, `${file}.bak`);
      console.log(`Could not read ${file}; moved it to settings.json.bak and wrote fresh demo settings.`);
    }
  }
  if (dropEmulator) for (const key of ['vertexAI.endpointOverrides', 'vertexAI.project', 'vertexAI.region']) delete current[key];
  await writeFile(file, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
}

async function firstFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port from ${from} to ${from + 99} on 127.0.0.1; pass --port.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
