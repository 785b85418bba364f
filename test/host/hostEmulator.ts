import { DEMO_TIMINGS, FAST_TIMINGS } from '../emulator/core/emulator';
import type { Emulator } from '../emulator/core/emulator';
import { extensionSettings } from '../emulator/core/endpoint-settings';
import { DEMO_PROJECT, DEMO_REGION } from '../emulator/seed/demo';
import { startEmulator } from '../emulator/server';

/** The env var through which in-host tests reach the emulator's control API. */
export const EMULATOR_URL_ENV = 'VERTEX_EMULATOR_URL';

/** An in-process emulator for one host launch, with the extension pointed at it. */
export interface SuiteEmulatorSpec {
  seed?: 'demo';
  /** Runs once the emulator is up, before the host starts (e.g. generating 10,000 jobs). */
  prepare?: (emu: Emulator) => Promise<void> | void;
  /**
   * Workbench checks and screenshots get a freshly seeded emulator on the same port, with the
   * demo's timings (jobs stay queued and pending a while), so what the in-host tests created or
   * deleted does not show there, and the views look as they do in `npm start`.
   */
  freshForWorkbench?: boolean;
}

export interface SuiteEmulator {
  readonly url: string;
  /** `vertexAI.*` user settings: endpoint overrides for every API, project and region. */
  settings: Record<string, unknown>;
  env: Record<string, string>;
  /** Replaces the emulator with a freshly seeded one on the same port. */
  restartFresh(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSuiteEmulator(spec: SuiteEmulatorSpec): Promise<SuiteEmulator> {
  let emu = await startEmulator({ seed: spec.seed, timings: FAST_TIMINGS });
  await spec.prepare?.(emu);
  const url = emu.url;
  const port = emu.port;
  return {
    url,
    settings: { ...extensionSettings(url, DEMO_PROJECT, DEMO_REGION) },
    env: { [EMULATOR_URL_ENV]: url },
    restartFresh: async () => {
      await emu.stop();
      emu = await startEmulator({ port, seed: spec.seed, timings: DEMO_TIMINGS });
      await spec.prepare?.(emu);
    },
    stop: () => emu.stop(),
  };
}
