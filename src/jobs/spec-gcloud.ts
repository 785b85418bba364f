// "Copy as gcloud command": the same job as a `gcloud ai` command line. Simple jobs become
// `--worker-pool-spec` flags; anything the flags cannot say goes through `--config=FILE`, whose
// contents (the spec without its local-only sections and job fields) come with the command.
import { stringify } from 'yaml';
import { isRecord } from './proto-json-values';
import { jobLabels } from './spec-convert';
import type { AutoLabelValues } from './spec-convert';
import type { JobSpecFile } from './spec-types';

export interface GcloudOptions {
  region: string;
  displayName: string;
  /** Where the caller writes `configYaml` when the command needs it. */
  configPath: string;
  project?: string;
  autoLabels?: AutoLabelValues;
}

export interface GcloudCommand {
  /** Arguments after `gcloud`, unquoted, for running it. */
  args: string[];
  /** One line to copy into a shell. */
  command: string;
  /** The --config file's contents, when the command uses one. */
  configYaml?: string;
  /** What the user should know, for example that gcloud rejects empty worker pools. */
  notes: string[];
}

type Obj = Record<string, unknown>;
const FLAG_JOB_FIELDS: Record<string, string> = {
  serviceAccount: '--service-account',
  network: '--network',
  persistentResourceId: '--persistent-resource-id',
};
const FLAG_BOOL_FIELDS: Record<string, string> = { enableWebAccess: '--enable-web-access', enableDashboardAccess: '--enable-dashboard-access' };

export function gcloudCommand(spec: JobSpecFile, options: GcloudOptions): GcloudCommand {
  const labels = jobLabels(spec, options.autoLabels);
  const common = [
    `--region=${options.region}`,
    `--display-name=${spec.displayName ?? options.displayName}`,
    ...(options.project ? [`--project=${options.project}`] : []),
    ...(labels ? [`--labels=${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')}`] : []),
    ...(spec.encryptionSpec?.kmsKeyName ? [`--kms-key=${spec.encryptionSpec.kmsKeyName}`] : []),
  ];
  const notes: string[] = [];
  const pools = Array.isArray(spec.jobSpec.workerPoolSpecs) ? spec.jobSpec.workerPoolSpecs : [];
  if (pools.some((p) => !isRecord(p) || Object.keys(p).length === 0)) {
    notes.push('gcloud rejects empty worker pools ({}) in --config and drops them from --worker-pool-spec; the extension submits them as the API takes them.');
  }
  if (spec.hyperparameterTuning) {
    const { studySpec, maxTrialCount, parallelTrialCount, maxFailedTrialCount } = spec.hyperparameterTuning;
    const config = { studySpec, maxTrialCount: maxTrialCount ?? 1, parallelTrialCount: parallelTrialCount ?? 1,
      ...(maxFailedTrialCount !== undefined && { maxFailedTrialCount }), trialJobSpec: spec.jobSpec };
    return finish(['ai', 'hp-tuning-jobs', 'create', ...common, `--config=${options.configPath}`], notes, toYaml(config));
  }
  const flags = workerPoolFlags(spec.jobSpec);
  return flags
    ? finish(['ai', 'custom-jobs', 'create', ...common, ...flags], notes)
    : finish(['ai', 'custom-jobs', 'create', ...common, `--config=${options.configPath}`], notes, toYaml(spec.jobSpec));
}

/** The YAML gcloud's --config reads: the CustomJobSpec alone. */
export function gcloudConfigYaml(spec: JobSpecFile): string {
  return toYaml(spec.jobSpec);
}

/** YAML 1.1, as gcloud reads it: strings such as "yes" or "on" stay quoted. */
function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

function finish(args: string[], notes: string[], configYaml?: string): GcloudCommand {
  return { args, command: ['gcloud', ...args].map(shellQuote).join(' '), ...(configYaml !== undefined && { configYaml }), notes };
}

/** The --worker-pool-spec form, or undefined when the job needs fields those flags cannot carry. */
function workerPoolFlags(jobSpec: Obj): string[] | undefined {
  const pools = Array.isArray(jobSpec.workerPoolSpecs) ? jobSpec.workerPoolSpecs : [];
  const used = pools.filter((p): p is Obj => isRecord(p) && Object.keys(p).length > 0);
  // gcloud drops empty pools from the flags, which would shift the later pools' roles.
  const lastUsed = pools.map((p) => isRecord(p) && Object.keys(p).length > 0).lastIndexOf(true);
  if (used.length === 0 || used.length !== lastUsed + 1) {
    return undefined;
  }
  const flags: string[] = [];
  for (const [field, value] of Object.entries(jobSpec)) {
    if (field === 'workerPoolSpecs') {
      continue;
    }
    if (FLAG_JOB_FIELDS[field] && typeof value === 'string') {
      flags.push(`${FLAG_JOB_FIELDS[field]}=${value}`);
    } else if (FLAG_BOOL_FIELDS[field] && typeof value === 'boolean') {
      flags.push(...(value ? [FLAG_BOOL_FIELDS[field]] : []));
    } else {
      return undefined;
    }
  }
  const shared = { args: new Set<string>(), command: new Set<string>(), packageUris: new Set<string>() };
  for (const pool of used) {
    const spec = poolFlag(pool, shared);
    if (spec === undefined) {
      return undefined;
    }
    flags.push(`--worker-pool-spec=${spec}`);
  }
  for (const [key, flag] of [['args', '--args'], ['command', '--command'], ['packageUris', '--python-package-uris']] as const) {
    if (shared[key].size > 1) {
      return undefined;
    }
    const [list] = [...shared[key]];
    if (list !== undefined && list !== '[]') {
      flags.push(`${flag}=${(JSON.parse(list) as string[]).join(',')}`);
    }
  }
  return flags;
}

const ALLOWED: Record<string, string[]> = {
  pool: ['machineSpec', 'replicaCount', 'containerSpec', 'pythonPackageSpec'],
  machineSpec: ['machineType', 'acceleratorType', 'acceleratorCount'],
  containerSpec: ['imageUri', 'args', 'command'],
  pythonPackageSpec: ['executorImageUri', 'pythonModule', 'packageUris', 'args'],
};

function poolFlag(pool: Obj, shared: { args: Set<string>; command: Set<string>; packageUris: Set<string> }): string | undefined {
  const machine = isRecord(pool.machineSpec) ? pool.machineSpec : {};
  const container = isRecord(pool.containerSpec) ? pool.containerSpec : undefined;
  const python = isRecord(pool.pythonPackageSpec) ? pool.pythonPackageSpec : undefined;
  const only = (value: Obj, allowed: string[]): boolean => Object.keys(value).every((k) => allowed.includes(k));
  if (!only(pool, ALLOWED.pool) || !only(machine, ALLOWED.machineSpec) || (container && !only(container, ALLOWED.containerSpec))
    || (python && !only(python, ALLOWED.pythonPackageSpec)) || (container === undefined) === (python === undefined)) {
    return undefined;
  }
  const task = (container ?? python) as Obj;
  const lists = { args: task.args ?? [], command: container?.command ?? [], packageUris: python?.packageUris ?? [] };
  for (const [key, list] of Object.entries(lists) as [keyof typeof shared, unknown][]) {
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.includes(','))) {
      return undefined;
    }
    if (key !== 'command' || container !== undefined) {
      shared[key].add(JSON.stringify(list));
    }
  }
  const parts: [string, unknown][] = [
    ['machine-type', machine.machineType],
    ['replica-count', pool.replicaCount ?? 1],
    ['accelerator-type', machine.acceleratorType],
    ['accelerator-count', machine.acceleratorCount],
    ['container-image-uri', container?.imageUri],
    ['executor-image-uri', python?.executorImageUri],
    ['python-module', python?.pythonModule],
  ];
  const written = parts.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
  return written.some((part) => /,/.test(part.slice(part.indexOf('=') + 1))) ? undefined : written.join(',');
}

export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
