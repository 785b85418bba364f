import { after, before } from 'node:test';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/core/emulator';
import type { Transport } from '../../../src/cloud/connection';
import { VertexClients } from '../../../src/cloud/vertexClients';

export interface DemoEmulator {
  emu: Emulator;
  clients: VertexClients;
}

/**
 * Around the enclosing describe: the emulator with the demo seed, and Vertex AI clients for
 * demo-project in us-central1 over `transport`. `prepare` runs before the clients exist.
 */
export function useDemoEmulator(transport: Transport, prepare?: (emu: Emulator) => void | Promise<void>): DemoEmulator {
  const demo = {} as DemoEmulator;
  before(async () => {
    demo.emu = await startEmulator({ seed: 'demo' });
    await prepare?.(demo.emu);
    demo.clients = new VertexClients({ project: 'demo-project', region: 'us-central1', transport, overrides: { aiplatform: demo.emu.url } });
  });
  after(async () => {
    await demo.clients.close();
    await demo.emu.stop();
  });
  return demo;
}
