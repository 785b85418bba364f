// The Google client libraries take seconds to load, so they never load during activation.
// Each is a separate bundle under dist/google/ (see esbuild.mjs), required on first use.
// Under plain Node tests the same import resolves to the TypeScript entry instead.
import type * as Aiplatform from './google/aiplatform';

export type AiplatformModule = typeof Aiplatform;

let aiplatform: AiplatformModule | undefined;

export function loadAiplatform(): AiplatformModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  aiplatform ??= require('./google/aiplatform') as AiplatformModule;
  return aiplatform;
}
