// The Google client libraries take seconds to load, so they never load during activation.
// Each is a separate bundle under dist/google/ (see esbuild.mjs), required on first use.
// Under plain Node tests the same import resolves to the TypeScript entry instead.
import type * as Aiplatform from './google/aiplatform';
import type * as Auth from './google/auth';
import type * as Logging from './google/logging';
import type * as StorageLib from './google/storage';

export type AiplatformModule = typeof Aiplatform;
export type AuthModule = typeof Auth;
export type LoggingModule = typeof Logging;
export type StorageModule = typeof StorageLib;

let aiplatform: AiplatformModule | undefined;
let auth: AuthModule | undefined;
let logging: LoggingModule | undefined;
let storage: StorageModule | undefined;

export function loadAuth(): AuthModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  auth ??= require('./google/auth') as AuthModule;
  return auth;
}

export function loadAiplatform(): AiplatformModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  aiplatform ??= require('./google/aiplatform') as AiplatformModule;
  return aiplatform;
}

export function loadLogging(): LoggingModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  logging ??= require('./google/logging') as LoggingModule;
  return logging;
}

export function loadStorage(): StorageModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  storage ??= require('./google/storage') as StorageModule;
  return storage;
}
