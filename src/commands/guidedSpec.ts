// The spec file the guided "Submit Training Job…" flow writes beside the code: hardware presets,
// the three ways to get a container, and the YAML itself. No VS Code here, so it is unit tested.
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import type { PrebuiltImage } from '../jobs/spec-images';
import { prebuiltImageUri } from '../scaffold/templates';

export type MachineSpecChoice = { machineType: string; acceleratorType?: string; acceleratorCount?: number; tpuTopology?: string };

export interface HardwarePreset {
  id: string;
  label: string;
  machineSpec: MachineSpecChoice;
  kind: 'cpu' | 'gpu' | 'tpu';
}

export const HARDWARE_PRESETS: readonly HardwarePreset[] = [
  { id: 'cpu', label: 'CPU', kind: 'cpu', machineSpec: { machineType: 'n1-standard-4' } },
  { id: 't4', label: '1×T4', kind: 'gpu', machineSpec: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 } },
  { id: 'l4', label: '1×L4', kind: 'gpu', machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 } },
  { id: 'a100', label: '1×A100', kind: 'gpu', machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 } },
  { id: 'h100x8', label: '8×H100', kind: 'gpu', machineSpec: { machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 } },
  { id: 'v5e-2x2', label: 'TPU v5e 2x2', kind: 'tpu', machineSpec: { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' } },
  { id: 'v5e-2x4', label: 'TPU v5e 2x4', kind: 'tpu', machineSpec: { machineType: 'ct5lp-hightpu-8t', tpuTopology: '2x4' } },
  { id: 'v3-8', label: 'TPU v3-8', kind: 'tpu', machineSpec: { machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 8 } },
];

export type ContainerChoice =
  /** A prebuilt training image runs the code, uploaded as a Python package. */
  | { kind: 'prebuilt'; image: string; packageUri: string }
  /** An image that already holds the code. */
  | { kind: 'registry'; imageUri: string }
  /** An image built from a Dockerfile beside the code (the build step, issue 6, builds it). */
  | { kind: 'dockerfile'; dockerfile: string; imageUri: string };

export interface GuidedSpecInput {
  displayName: string;
  region: string;
  machineSpec: MachineSpecChoice;
  container: ContainerChoice;
  /** The .py file to run, relative to the spec's folder; undefined runs the image's own entry point. */
  entryPoint?: string;
  args: string[];
  /** The prebuilt image a `prebuilt` choice names, looked up by the caller. */
  prebuilt?: PrebuiltImage;
}

/** `trainer/task.py` → `trainer.task`, what `python -m` and pythonModule take. */
export function pythonModule(entryPoint: string): string {
  return entryPoint.replace(/\\/g, '/').replace(/\.py$/, '').split('/').filter(Boolean).join('.');
}

/** Splits an argument line as a shell would for simple quoting: `--lr 0.1 --name "my run"`. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    args.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3] ?? ''));
  }
  return args;
}

/** A name for the job and its files: the .py file's or the folder's name, label-friendly. */
export function jobNameFor(targetPath: string): string {
  const stem = basename(targetPath, extname(targetPath) === '.py' ? '.py' : '');
  return stem.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'training-job';
}

/** `trainer.vertex.yaml`, or `trainer-2.vertex.yaml` when that exists: never over another file. */
export function freeSpecFileName(stem: string, exists: (name: string) => boolean): string {
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}.vertex.yaml`;
    if (!exists(name)) return name;
  }
}

export function renderGuidedSpec(input: GuidedSpecInput): string {
  const { container } = input;
  const machineSpec = Object.fromEntries(Object.entries(input.machineSpec).filter(([, v]) => v !== undefined));
  const args = input.args.length > 0 ? { args: input.args } : {};
  let task: Record<string, unknown>;
  let local: Record<string, unknown> | undefined;
  if (container.kind === 'prebuilt') {
    if (input.entryPoint === undefined) throw new Error('A prebuilt image runs a Python module: choose the .py file to run.');
    const executorImageUri = input.prebuilt ? prebuiltImageUri(input.prebuilt, input.region) : container.image;
    task = { pythonPackageSpec: { executorImageUri, packageUris: [container.packageUri], pythonModule: pythonModule(input.entryPoint), ...args } };
    local = { pythonPackage: { path: '.', packageUri: container.packageUri } };
  } else {
    const command = input.entryPoint !== undefined ? { command: ['python3', input.entryPoint.replace(/\\/g, '/')] } : {};
    task = { containerSpec: { imageUri: container.imageUri, ...command, ...args } };
    if (container.kind === 'dockerfile') local = { build: { image: container.imageUri, context: '.', dockerfile: container.dockerfile } };
  }
  const spec = {
    displayName: input.displayName,
    region: input.region,
    ...(local && { local }),
    workerPoolSpecs: [{ machineSpec, replicaCount: 1, ...task }],
  };
  const header = [
    '# Written by "Vertex AI: Submit Training Job…". Edit it and submit it again with',
    '# "Vertex AI: Submit Training Job"; commit it so the job can be reproduced.',
  ];
  return `${header.join('\n')}\n${stringify(spec, { version: '1.1', lineWidth: 0 })}`;
}
