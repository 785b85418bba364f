import type { Emulator } from '../core/emulator';
import { createBucket, getBucket, registerStorageCodecs } from './objects';

export const DEMO_STAGING_BUCKET = 'demo-project-vertex-staging';

/** The demo's staging bucket, in the demo project and region; idempotent (state files may have it). */
export function seedStorage(emu: Emulator): void {
  registerStorageCodecs(emu.store);
  if (!getBucket(emu.store, DEMO_STAGING_BUCKET)) {
    createBucket(emu.store, 'demo-project', DEMO_STAGING_BUCKET, { location: 'US-CENTRAL1', storageClass: 'STANDARD' });
  }
}
