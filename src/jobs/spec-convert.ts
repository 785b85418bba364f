// Job spec file → the request bodies Vertex AI takes (proto3 JSON): a CustomJob, or a
// HyperparameterTuningJob when the file has a hyperparameterTuning block. Local-only sections and
// `region` are never sent.
import { labelSafe } from './spec-rules-names';
import type { JobSpecFile } from './spec-types';

export interface AutoLabelValues {
  /** The commit the code was taken from. */
  gitCommit?: string;
  /** Whether the working tree had uncommitted changes. */
  gitDirty?: boolean;
  /** The spec file's path, relative to the workspace folder. */
  specPath?: string;
}

export const AUTO_LABEL_KEYS = { gitCommit: 'git-commit', gitDirty: 'git-dirty', specPath: 'spec-path' } as const;
const MAX_LABELS = 64;

export interface ConvertOptions {
  /** Used when the file has no displayName, for example the spec file's name. */
  fallbackDisplayName: string;
  autoLabels?: AutoLabelValues;
}

export interface CustomJobBody {
  displayName: string;
  labels?: Record<string, string>;
  encryptionSpec?: { kmsKeyName?: string };
  jobSpec: Record<string, unknown>;
}

export interface HyperparameterTuningJobBody {
  displayName: string;
  labels?: Record<string, string>;
  encryptionSpec?: { kmsKeyName?: string };
  studySpec: Record<string, unknown>;
  maxTrialCount: number;
  parallelTrialCount: number;
  maxFailedTrialCount?: number;
  trialJobSpec: Record<string, unknown>;
}

export type JobRequest =
  | { kind: 'customJob'; body: CustomJobBody }
  | { kind: 'hyperparameterTuningJob'; body: HyperparameterTuningJobBody };

/** Label-safe automatic labels; a value that becomes empty is left out. */
export function autoLabels(values: AutoLabelValues): Record<string, string> {
  const labels: Record<string, string> = {};
  if (values.gitCommit) {
    labels[AUTO_LABEL_KEYS.gitCommit] = labelSafe(values.gitCommit, 'value');
  }
  if (values.gitDirty !== undefined) {
    labels[AUTO_LABEL_KEYS.gitDirty] = String(values.gitDirty);
  }
  if (values.specPath) {
    // Keep the end of a long path: the file name says more than the folders above it.
    labels[AUTO_LABEL_KEYS.specPath] = labelSafe(values.specPath, 'value', 'end');
  }
  return Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== ''));
}

/** The file's labels, then the automatic ones where their keys are free, up to the API's 64. */
export function jobLabels(spec: JobSpecFile, values: AutoLabelValues | undefined): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(spec.labels ?? {}) };
  for (const [key, value] of Object.entries(values ? autoLabels(values) : {})) {
    if (!(key in labels) && Object.keys(labels).length < MAX_LABELS) {
      labels[key] = value;
    }
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

export function toCustomJob(spec: JobSpecFile, options: ConvertOptions): CustomJobBody {
  const labels = jobLabels(spec, options.autoLabels);
  return {
    displayName: spec.displayName ?? options.fallbackDisplayName,
    ...(labels && { labels }),
    ...(spec.encryptionSpec && { encryptionSpec: spec.encryptionSpec }),
    jobSpec: structuredClone(spec.jobSpec),
  };
}

/** Trial counts default to 1, as `gcloud ai hp-tuning-jobs create` does. */
export function toHyperparameterTuningJob(spec: JobSpecFile, options: ConvertOptions): HyperparameterTuningJobBody {
  const tuning = spec.hyperparameterTuning;
  if (tuning === undefined) {
    throw new Error('This spec has no hyperparameterTuning block; convert it with toCustomJob.');
  }
  const custom = toCustomJob(spec, options);
  return {
    displayName: custom.displayName,
    ...(custom.labels && { labels: custom.labels }),
    ...(custom.encryptionSpec && { encryptionSpec: custom.encryptionSpec }),
    studySpec: structuredClone(tuning.studySpec),
    maxTrialCount: tuning.maxTrialCount ?? 1,
    parallelTrialCount: tuning.parallelTrialCount ?? 1,
    ...(tuning.maxFailedTrialCount !== undefined && { maxFailedTrialCount: tuning.maxFailedTrialCount }),
    trialJobSpec: custom.jobSpec,
  };
}

export function toJobRequest(spec: JobSpecFile, options: ConvertOptions): JobRequest {
  return spec.hyperparameterTuning
    ? { kind: 'hyperparameterTuningJob', body: toHyperparameterTuningJob(spec, options) }
    : { kind: 'customJob', body: toCustomJob(spec, options) };
}
