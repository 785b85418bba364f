import { rfc3339 } from '../core/clock';
import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { parseLocation } from '../core/resource-names';
import { buildModelVersion } from './model-json';
import { putVersion, versionsOf } from './model-store';

export const DEMO_PROJECT = 'demo-project';
export const DEMO_LOCATION = 'us-central1';
export const DEMO_BUCKET = 'demo-project-vertex-staging';

/** Fixed ids, so demos and tests can name the seeded resources. */
export const DEMO_MODEL_IDS = { flowers: '4201000000000000001', churn: '4201000000000000002', embedder: '4201000000000000003' };

export function demoLocation(emu: Emulator): string {
  return parseLocation(emu.store, `projects/${DEMO_PROJECT}/locations/${DEMO_LOCATION}`).name;
}

export function hoursAgo(emu: Emulator, hours: number): string {
  return rfc3339(new Date(emu.clock.now().getTime() - hours * 3_600_000));
}

interface SeedVersion {
  aliases: string[];
  hoursAgo: number;
  versionDescription?: string;
  artifactUri: string;
}

function seedModel(emu: Emulator, id: string, displayName: string, imageUri: string, versions: SeedVersion[], labels: Record<string, string>): void {
  const name = `${demoLocation(emu)}/models/${id}`;
  if (versionsOf(emu.store, name).length > 0) return;
  const createTime = hoursAgo(emu, versions[0].hoursAgo);
  versions.forEach((v, i) => {
    const input: JsonObject = {
      description: `${displayName} (demo)`,
      containerSpec: { imageUri },
      artifactUri: v.artifactUri,
      labels,
      ...(v.versionDescription && { versionDescription: v.versionDescription }),
    };
    const time = hoursAgo(emu, v.hoursAgo);
    putVersion(emu.store, buildModelVersion(input, { name, versionId: String(i + 1), aliases: v.aliases, time, createTime, displayName }));
  });
}

/** Models with versions in demo-project / us-central1; ones already there (from a state file) are kept. */
export function seedModels(emu: Emulator): void {
  const artifacts = (path: string) => `gs://${DEMO_BUCKET}/models/${path}`;
  seedModel(
    emu,
    DEMO_MODEL_IDS.flowers,
    'flowers-classifier',
    'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest',
    [
      { aliases: [], hoursAgo: 24 * 20, versionDescription: 'ResNet-50 baseline', artifactUri: artifacts('flowers/v1') },
      { aliases: ['default', 'prod'], hoursAgo: 24 * 9, versionDescription: 'EfficientNet-B0, more augmentation', artifactUri: artifacts('flowers/v2') },
      { aliases: ['canary'], hoursAgo: 30, versionDescription: 'EfficientNet-B2 trained on TPU v5e', artifactUri: artifacts('flowers/v3') },
    ],
    { team: 'vision' },
  );
  seedModel(
    emu,
    DEMO_MODEL_IDS.churn,
    'churn-xgboost',
    'us-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.2-1:latest',
    [{ aliases: ['default'], hoursAgo: 24 * 4, artifactUri: artifacts('churn/v1') }],
    { team: 'growth' },
  );
  seedModel(
    emu,
    DEMO_MODEL_IDS.embedder,
    'text-embedder',
    'us-central1-docker.pkg.dev/demo-project/serving/text-embedder:1.2.0',
    [
      { aliases: ['default'], hoursAgo: 24 * 2, artifactUri: artifacts('embedder/v1') },
      { aliases: ['candidate'], hoursAgo: 5, versionDescription: 'distilled, half the latency', artifactUri: artifacts('embedder/v2') },
    ],
    { team: 'search' },
  );
}
