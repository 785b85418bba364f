import type { Emulator } from '../core/emulator';
import { createHash } from 'node:crypto';
import { REPOSITORIES, createRepository, recordDockerImage, repositoryName } from './repositories';

/**
 * The demo's Docker repository `training` in us-central1 with one trainer image;
 * idempotent (state files may have it).
 */
export function seedArtifactRegistry(emu: Emulator): void {
  if (emu.store.collection(REPOSITORIES).has(repositoryName(emu.store, 'demo-project', 'us-central1', 'training'))) return;
  createRepository(emu.store, 'demo-project', 'us-central1', 'training', {
    format: 'DOCKER',
    description: 'Training images for the demo project',
  });
  recordDockerImage(emu.store, {
    ref: { location: 'us-central1', project: 'demo-project', repository: 'training', image: 'trainer', tag: 'latest' },
    digest: `sha256:${createHash('sha256').update('demo-project/training/trainer').digest('hex')}`,
    imageSizeBytes: 734_003_200,
  });
}
