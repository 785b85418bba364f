import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Settings every test profile starts from; a run's own settings are laid over them. */
export const BASE_TEST_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
};

/** Profiles not yet disposed, removed on an abrupt exit (Ctrl-C) too. */
const live = new Set<string>();
process.on('exit', () => {
  for (const root of live) rmSync(root, { recursive: true, force: true });
});

export interface TestProfile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspaceDir: string;
  /** An empty code-server config, so nothing is read from or written to ~/.config. */
  configFile: string;
  settings: Record<string, unknown>;
  dispose(): Promise<void>;
}

export interface ProfileOptions {
  /** Laid over BASE_TEST_SETTINGS, e.g. `vertexAI.endpointOverrides` pointing at the emulator. */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
}

export async function createTestProfile(options: ProfileOptions = {}): Promise<TestProfile> {
  const root = await mkdtemp(join(tmpdir(), 'vertex-host-'));
  live.add(root);
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspaceDir = join(root, 'workspace');
  const configFile = join(root, 'code-server.yaml');
  const settings = { ...BASE_TEST_SETTINGS, ...options.settings };
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await mkdir(workspaceDir, { recursive: true });
  await writeFile(configFile, '');
  await writeFile(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  for (const [relative, contents] of Object.entries(options.workspaceFiles ?? {})) {
    const file = join(workspaceDir, relative);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, contents);
  }
  return {
    root,
    userDataDir,
    extensionsDir,
    workspaceDir,
    configFile,
    settings,
    dispose: async () => {
      await rm(root, { recursive: true, force: true });
      live.delete(root);
    },
  };
}
