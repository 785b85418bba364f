// The Google client libraries take seconds to load, so they never load during activation.
// Each is a separate bundle under dist/google/ (see esbuild.mjs), required on first use through
// a V8 code cache (bundleCodeCache.ts). Under plain Node tests the same name resolves to the
// TypeScript entry instead, required as is.
import { defaultCodeCacheDir, requireWithCodeCache } from './bundleCodeCache';
import type * as Aiplatform from './google/aiplatform';
import type * as Auth from './google/auth';
import type * as Logging from './google/logging';
import type * as ResourceManager from './google/resourcemanager';
import type * as StorageLib from './google/storage';

export type AiplatformModule = typeof Aiplatform;
export type AuthModule = typeof Auth;
export type LoggingModule = typeof Logging;
export type ResourceManagerModule = typeof ResourceManager;
export type StorageModule = typeof StorageLib;

let aiplatform: AiplatformModule | undefined;
let auth: AuthModule | undefined;
let logging: LoggingModule | undefined;
let resourceManager: ResourceManagerModule | undefined;
let storage: StorageModule | undefined;

export function loadAuth(): AuthModule {
  auth ??= requireGoogle<AuthModule>(require.resolve('./google/auth'));
  return auth;
}

export function loadAiplatform(): AiplatformModule {
  aiplatform ??= requireGoogle<AiplatformModule>(require.resolve('./google/aiplatform'));
  return aiplatform;
}

export function loadLogging(): LoggingModule {
  logging ??= requireGoogle<LoggingModule>(require.resolve('./google/logging'));
  return logging;
}

export function loadStorage(): StorageModule {
  storage ??= requireGoogle<StorageModule>(require.resolve('./google/storage'));
  return storage;
}

export function loadResourceManager(): ResourceManagerModule {
  resourceManager ??= requireGoogle<ResourceManagerModule>(require.resolve('./google/resourcemanager'));
  return resourceManager;
}

let cacheDir: { dir: string | undefined } | undefined;

function requireGoogle<T>(file: string): T {
  if (!file.endsWith('.js')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as T;
  }
  cacheDir ??= { dir: defaultCodeCacheDir() };
  return requireWithCodeCache(file, { dir: cacheDir.dir }).exports as T;
}
