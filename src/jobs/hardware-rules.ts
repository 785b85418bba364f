import {
  acceleratorInfo, bootDiskSizeLimits, bootDiskTypes, closestMachineFor, familiesFor, knownMachineTypes, machineInfo,
  readAcceleratorType, regionKey, regionOffers, regionsWith, similarMachineType, tpuMachineWithTopology, tpuTopologies,
} from './hardware-catalog';
import type { MachineInfo } from './hardware-catalog';
import { intLike, isRecord, readInt, readString } from './proto-json-values';

export interface HardwareProblem {
  path: (string | number)[];
  /** Stable id: accelerator-pair, accelerator-required, accelerator-machine, accelerator-count,
   * machine-type, tpu-accelerator, tpu-topology, tpu-pools, tpu-replica-count,
   * region-accelerator, boot-disk-type, boot-disk-size. */
  rule: string;
  message: string;
  apiMessage: string;
  /** `value: undefined` means: remove the field at `path`. */
  fix?: { path: (string | number)[]; value: unknown; title: string };
}

type Path = (string | number)[];

const PAIR_API = 'Both `accelerator_type` and `accelerator_count` should be specified or none.';

/** Machine, accelerator, TPU, region and boot disk rules of a CustomJobSpec in proto3 JSON form. */
export function checkHardware(spec: { workerPoolSpecs?: unknown[] }, region?: string): HardwareProblem[] {
  const pools: unknown[] = isRecord(spec) && Array.isArray(spec.workerPoolSpecs) ? spec.workerPoolSpecs : [];
  const problems: HardwareProblem[] = [];
  pools.forEach((pool, index) => {
    if (isRecord(pool)) {
      problems.push(...checkPool(pool, ['workerPoolSpecs', index], readString(region)));
    }
  });
  return [...problems, ...checkTpuJob(pools)];
}

function checkPool(pool: Record<string, unknown>, at: Path, region: string | undefined): HardwareProblem[] {
  const spec = pool.machineSpec;
  const machineType = isRecord(spec) ? readString(spec.machineType) : undefined;
  const problems = isRecord(spec) ? checkMachineSpec(spec, [...at, 'machineSpec'], region) : [];
  if (isRecord(pool.diskSpec)) {
    problems.push(...checkDisk(pool.diskSpec, [...at, 'diskSpec'], machineType));
  }
  return problems;
}

function checkMachineSpec(spec: Record<string, unknown>, at: Path, region: string | undefined): HardwareProblem[] {
  const machineType = readString(spec.machineType);
  if (machineType === undefined) {
    return [];
  }
  const info = machineInfo(machineType);
  if (info === undefined) {
    return [unknownMachine(machineType, [...at, 'machineType'])];
  }
  const problems = [...checkAccelerator(spec, info, at), ...checkTopology(spec, info, at)];
  if (problems.length === 0 && region !== undefined) {
    problems.push(...checkRegion(info, readAcceleratorType(spec.acceleratorType), region, at));
  }
  return problems;
}

function isUnset(value: unknown): boolean {
  return value == null || value === 0 || value === '0' || value === '' || value === 'ACCELERATOR_TYPE_UNSPECIFIED';
}

function checkAccelerator(spec: Record<string, unknown>, info: MachineInfo, at: Path): HardwareProblem[] {
  const hasType = !isUnset(spec.acceleratorType);
  const hasCount = !isUnset(spec.acceleratorCount);
  const type = readAcceleratorType(spec.acceleratorType);
  const count = readInt(spec.acceleratorCount);
  // Unknown enum names and non-numeric counts are the schema validator's to report.
  if ((hasType && (type === undefined || acceleratorInfo(type) === undefined)) || (hasCount && count === undefined)) {
    return [];
  }
  const { name, accelerators } = info;
  const [builtIn] = Object.keys(accelerators);
  if (info.kind === 'tpuVm') {
    return hasType || hasCount ? [tpuAccelerator(spec, name, at)] : [];
  }
  if (!hasType && !hasCount) {
    return builtIn === undefined || info.kind === 'n1' ? [] : [{
      path: [...at, 'acceleratorType'],
      rule: 'accelerator-required',
      message: `${name} needs acceleratorType ${builtIn} and acceleratorCount ${accelerators[builtIn][0]}.`,
      apiMessage: countApiMessage(0, builtIn, name, accelerators[builtIn]),
      fix: { path: at, value: { ...spec, acceleratorType: builtIn, acceleratorCount: accelerators[builtIn][0] },
        title: `Add ${accelerators[builtIn][0]}× ${builtIn}` },
    }];
  }
  if (type === undefined || count === undefined || !hasCount) {
    return [missingPair(type, info, at)];
  }
  const counts = accelerators[type] as number[] | undefined;
  if (counts === undefined) {
    return [wrongMachine(spec, type, count, info, at)];
  }
  const nearest = [...counts].sort((a, b) => Math.abs(a - count) - Math.abs(b - count) || a - b)[0];
  return counts.includes(count) ? [] : [{
    path: [...at, 'acceleratorCount'],
    rule: 'accelerator-count',
    message: `${name} takes ${describeCounts(counts)} ${type}, not ${count}.`,
    apiMessage: countApiMessage(count, type, name, counts),
    fix: { path: [...at, 'acceleratorCount'], value: intLike(spec.acceleratorCount, nearest),
      title: `Set acceleratorCount to ${nearest}` },
  }];
}

/** One of acceleratorType and acceleratorCount is set: `type` is the one that is, if any. */
function missingPair(type: string | undefined, info: MachineInfo, at: Path): HardwareProblem {
  const counts = type === undefined ? undefined : info.accelerators[type] as number[] | undefined;
  const builtIn = info.kind === 'fixedGpu' ? Object.keys(info.accelerators)[0] : undefined;
  const base = { rule: 'accelerator-pair', apiMessage: PAIR_API };
  if (type !== undefined) {
    return {
      ...base,
      path: [...at, 'acceleratorType'],
      message: `acceleratorType ${type} needs an acceleratorCount as well` +
        (counts ? ` (${info.name} takes ${describeCounts(counts)}).` : '.'),
      ...(counts && { fix: { path: [...at, 'acceleratorCount'], value: counts[0], title: `Set acceleratorCount to ${counts[0]}` } }),
    };
  }
  return {
    ...base,
    path: [...at, 'acceleratorCount'],
    message: 'acceleratorCount needs an acceleratorType as well' + (builtIn ? ` (${info.name} comes with ${builtIn}).` : '.'),
    fix: builtIn
      ? { path: [...at, 'acceleratorType'], value: builtIn, title: `Set acceleratorType to ${builtIn}` }
      : { path: [...at, 'acceleratorCount'], value: undefined, title: 'Remove acceleratorCount' },
  };
}

function wrongMachine(spec: Record<string, unknown>, type: string, count: number, info: MachineInfo, at: Path): HardwareProblem {
  const families = familiesFor(type);
  const machine = closestMachineFor(type, count, info.name);
  const { display, kind } = acceleratorInfo(type) ?? {};
  const sameCount = Object.keys(info.accelerators)
    .find((a) => acceleratorInfo(a)?.kind === kind && info.accelerators[a].includes(count));
  const tpuVms = knownMachineTypes().filter((m) => machineInfo(m)?.tpuDisplay === display);
  const tpuVm = tpuVms.find((m) => m.endsWith(`-${count}t`)) ?? tpuVms[0];
  let message = `${type} is not supported on ${info.name}: it needs ${article(families[0] ?? '')} ${families.join(' or ')} machine type.`;
  let fix: HardwareProblem['fix'];
  if (machine !== undefined) {
    fix = { path: [...at, 'machineType'], value: machine, title: `Use machine type ${machine}` };
  } else if (families.length === 0 && tpuVm !== undefined) {
    const topology = tpuTopologies(tpuVm)[0];
    message = `${display} is not set through acceleratorType: use a TPU VM machine type such as ${tpuVm} with a tpuTopology.`;
    fix = { path: at, value: { ...withoutAccelerator(spec), machineType: tpuVm, tpuTopology: topology },
      title: `Use ${tpuVm} with topology ${topology}` };
  } else if (families.length === 0) {
    message = `${type} is not offered for custom training${acceleratorInfo(type)?.deprecated ? ' any more' : ''}.`;
    fix = sameCount === undefined ? undefined
      : { path: [...at, 'acceleratorType'], value: sameCount, title: `Use ${sameCount} instead` };
  }
  return {
    path: [...at, 'acceleratorType'],
    rule: 'accelerator-machine',
    message,
    apiMessage: `Accelerator "${type}" is not supported for machine type "${info.name}".`,
    ...(fix && { fix }),
  };
}

function withoutAccelerator(spec: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...spec };
  delete rest.acceleratorType;
  delete rest.acceleratorCount;
  return rest;
}

function tpuAccelerator(spec: Record<string, unknown>, name: string, at: Path): HardwareProblem {
  return {
    path: [...at, isUnset(spec.acceleratorType) ? 'acceleratorCount' : 'acceleratorType'],
    rule: 'tpu-accelerator',
    message: `${name} has its TPU chips built in: remove acceleratorType and acceleratorCount and set tpuTopology.`,
    apiMessage: `Accelerator fields are not supported for machine type "${name}"; set tpu_topology instead.`,
    fix: { path: at, value: withoutAccelerator(spec), title: 'Remove acceleratorType and acceleratorCount' },
  };
}

function checkTopology(spec: Record<string, unknown>, info: MachineInfo, at: Path): HardwareProblem[] {
  const path = [...at, 'tpuTopology'];
  const topology = readString(spec.tpuTopology);
  if (spec.tpuTopology != null && typeof spec.tpuTopology !== 'string') {
    return [];
  }
  if (info.kind !== 'tpuVm') {
    return topology === undefined || info.kind === 'cloudTpu' ? [] : [{
      path,
      rule: 'tpu-topology',
      message: `tpuTopology only applies to TPU VM machine types (ct5lp-hightpu-*, ct6e-standard-*); ${info.name} is not one.`,
      apiMessage: `TPU topology is not supported for machine type "${info.name}".`,
      fix: { path, value: undefined, title: 'Remove tpuTopology' },
    }];
  }
  if (topology !== undefined && info.topologies.includes(topology)) {
    return [];
  }
  const list = info.topologies.join(', ');
  const other = topology === undefined ? undefined : tpuMachineWithTopology(info.name, topology);
  return [{
    path,
    rule: 'tpu-topology',
    message: topology === undefined
      ? `${info.name} needs a tpuTopology: ${list}.`
      : `${info.name} does not support topology ${topology}; it supports ${list}.`,
    apiMessage: topology === undefined
      ? `TPU topology is required for machine type "${info.name}".`
      : `TPU topology "${topology}" is not supported for machine type "${info.name}".`,
    fix: other !== undefined
      ? { path: [...at, 'machineType'], value: other, title: `Use machine type ${other}` }
      : { path, value: info.topologies[0], title: `Set tpuTopology to ${info.topologies[0]}` },
  }];
}

function checkRegion(info: MachineInfo, type: string | undefined, region: string, at: Path): HardwareProblem[] {
  const key = regionKey(info.name, type);
  if (key === undefined || (type !== undefined && !acceleratorInfo(type)) || regionOffers(region, key) !== false) {
    return [];
  }
  const where = regionsWith(key);
  const what = type ?? `${info.name} (${info.tpuDisplay ?? key})`;
  return [{
    path: [...at, type !== undefined ? 'acceleratorType' : 'machineType'],
    rule: 'region-accelerator',
    message: `${what} is not offered for training in ${region}` +
      (where.length > 0 ? `; it is in ${where.join(', ')}.` : '.'),
    apiMessage: type !== undefined
      ? `Accelerator "${type}" is not supported in location "${region}".`
      : `Machine type "${info.name}" is not supported in location "${region}".`,
  }];
}

function checkTpuJob(pools: unknown[]): HardwareProblem[] {
  const used = pools.flatMap((pool, index) =>
    isRecord(pool) && Object.keys(pool).length > 0 ? [{ pool, index }] : []);
  const tpu = used.find(({ pool }) => {
    const kind = isRecord(pool.machineSpec) ? machineInfo(readString(pool.machineSpec.machineType) ?? '')?.kind : undefined;
    return kind === 'tpuVm' || kind === 'cloudTpu';
  });
  if (tpu === undefined) {
    return [];
  }
  const problems: HardwareProblem[] = used.filter((u) => u !== tpu).map(({ index }) => ({
    path: ['workerPoolSpecs', index],
    rule: 'tpu-pools',
    message: `A TPU job runs in exactly one worker pool; remove worker pool ${index}.`,
    apiMessage: 'TPU training supports only one worker pool.',
  }));
  const replicas = readInt(tpu.pool.replicaCount);
  if (replicas !== undefined && replicas !== 1) {
    const path = ['workerPoolSpecs', tpu.index, 'replicaCount'];
    problems.push({
      path,
      rule: 'tpu-replica-count',
      message: `A TPU worker pool must have replicaCount 1, not ${replicas}; scale with a larger tpuTopology or accelerator count.`,
      apiMessage: 'TPU training supports only one replica; replica_count must be 1.',
      fix: { path, value: intLike(tpu.pool.replicaCount, 1), title: 'Set replicaCount to 1' },
    });
  }
  return problems;
}

function checkDisk(disk: Record<string, unknown>, at: Path, machineType: string | undefined): HardwareProblem[] {
  const problems: HardwareProblem[] = [];
  const type = readString(disk.bootDiskType);
  const allowed = bootDiskTypes(machineType);
  if (type !== undefined && !allowed.includes(type)) {
    const path = [...at, 'bootDiskType'];
    const on = machineType !== undefined && machineInfo(machineType) !== undefined ? ` on ${machineType}` : '';
    problems.push({
      path,
      rule: 'boot-disk-type',
      message: `Boot disk type ${type} is not available${on}; use ${allowed.join(', ')}.`,
      apiMessage: `Boot disk type "${type}" is not supported${on && ` for machine type "${machineType}"`}.`,
      fix: { path, value: allowed[0], title: `Use ${allowed[0]}` },
    });
  }
  const size = readInt(disk.bootDiskSizeGb);
  const { minGb, maxGb } = bootDiskSizeLimits;
  if (size !== undefined && size !== 0 && (size < minGb || size > maxGb)) {
    const path = [...at, 'bootDiskSizeGb'];
    const value = size < minGb ? minGb : maxGb;
    problems.push({
      path,
      rule: 'boot-disk-size',
      message: `Boot disk size ${size} GB is outside ${minGb}–${maxGb} GB.`,
      apiMessage: `Boot disk size must be between ${minGb} and ${maxGb} GB.`,
      fix: { path, value: intLike(disk.bootDiskSizeGb, value), title: `Set bootDiskSizeGb to ${value}` },
    });
  }
  return problems;
}

function unknownMachine(machineType: string, path: Path): HardwareProblem {
  const similar = similarMachineType(machineType);
  return {
    path,
    rule: 'machine-type',
    message: `${machineType} is not a machine type Vertex AI custom training accepts` +
      (similar ? `; did you mean ${similar}?` : '.'),
    apiMessage: `Machine type "${machineType}" is not supported.`,
    ...(similar && { fix: { path, value: similar, title: `Use machine type ${similar}` } }),
  };
}

function countApiMessage(count: number, type: string, machineType: string, counts: number[]): string {
  return `The accelerator count "${count}" is not allowed. The allowed numbers of accelerator "${type}" ` +
    `to use with machine type "${machineType}" are: [${counts.join(', ')}].`;
}

function describeCounts(counts: number[]): string {
  return counts.length === 1 ? `exactly ${counts[0]}` : `${counts.slice(0, -1).join(', ')} or ${counts[counts.length - 1]}`;
}

function article(word: string): string {
  return /^([aeio]|[fhlmnrsx]\d)/.test(word) ? 'an' : 'a';
}
