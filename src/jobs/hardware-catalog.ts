import acceleratorData from './data/accelerators.json';
import bootDiskData from './data/boot-disk.json';
import machineData from './data/machine-types.json';
import regionData from './data/regions.json';
import { isRecord, readInt, readString } from './proto-json-values';

export interface AcceleratorInfo {
  number: number;
  display: string;
  kind: string;
  deprecated: boolean;
}

export type MachineKind = 'cpu' | 'n1' | 'fixedGpu' | 'cloudTpu' | 'tpuVm';

export interface MachineInfo {
  name: string;
  kind: MachineKind;
  vcpus: number | undefined;
  /** Accelerator type name → the counts this machine type takes. Empty for CPU-only and TPU VM types. */
  accelerators: Record<string, number[]>;
  /** TPU VM types only. The first entry is the single-host default. */
  topologies: string[];
  /** TPU VM types only: the key regions.json uses, and the display name. */
  tpuSeries?: string;
  tpuDisplay?: string;
}

export interface RegionInfo {
  id: string;
  label: string;
  /** Empty when not listed; `offersListed` tells that apart from a region without accelerators. */
  offers: string[];
  offersListed: boolean;
}

const acceleratorTable: Record<string, AcceleratorInfo> = acceleratorData.acceleratorTypes;
const regionTable: Record<string, { label: string; offers?: string[] }> = regionData.regions;
const bootDiskTypesByPrefix: Record<string, string[]> = bootDiskData.typesByMachinePrefix;

const machines = buildMachines();

function buildMachines(): Map<string, MachineInfo> {
  const byName = new Map<string, MachineInfo>();
  const add = (info: MachineInfo): void => {
    byName.set(info.name, info);
  };
  for (const [name, vcpus] of Object.entries(machineData.cpu as Record<string, number>)) {
    add({ name, kind: 'cpu', vcpus, accelerators: {}, topologies: [] });
  }
  // JSON typing marks keys missing from some rows as `?: undefined`; the rows are plain count maps.
  const n1Rows = machineData.n1.gpuCounts as { vcpus: number[]; counts: Record<string, number[]> }[];
  for (const [name, vcpus] of Object.entries(machineData.n1.shapes as Record<string, number>)) {
    const row = n1Rows.find((r) => r.vcpus.includes(vcpus));
    add({ name, kind: 'n1', vcpus, accelerators: { ...(row?.counts ?? {}) }, topologies: [] });
  }
  const fixed: Record<string, { vcpus: number; accelerator: string; count: number }> = machineData.fixedGpu;
  for (const [name, m] of Object.entries(fixed)) {
    add({ name, kind: 'fixedGpu', vcpus: m.vcpus, accelerators: { [m.accelerator]: [m.count] }, topologies: [] });
  }
  const cloudTpu: Record<string, { counts: Record<string, number[]> }> = machineData.cloudTpu;
  for (const [name, m] of Object.entries(cloudTpu)) {
    add({ name, kind: 'cloudTpu', vcpus: undefined, accelerators: { ...m.counts }, topologies: [] });
  }
  const tpuVm: Record<string, { vcpus: number; series: string; display: string; topologies: string[] }> =
    machineData.tpuVm;
  for (const [name, m] of Object.entries(tpuVm)) {
    add({
      name,
      kind: 'tpuVm',
      vcpus: m.vcpus,
      accelerators: {},
      topologies: [...m.topologies],
      tpuSeries: m.series,
      tpuDisplay: m.display,
    });
  }
  return byName;
}

export function machineInfo(machineType: string): MachineInfo | undefined {
  return machines.get(machineType);
}

export function knownMachineTypes(): string[] {
  return [...machines.keys()];
}

export function acceleratorInfo(acceleratorType: string): AcceleratorInfo | undefined {
  return Object.hasOwn(acceleratorTable, acceleratorType) ? acceleratorTable[acceleratorType] : undefined;
}

export function acceleratorNames(): string[] {
  return Object.keys(acceleratorTable);
}

/**
 * Reads MachineSpec.acceleratorType as a name, accepting the enum's number too.
 * Returns undefined when unset (absent, 0 or ACCELERATOR_TYPE_UNSPECIFIED) or unreadable.
 */
export function readAcceleratorType(value: unknown): string | undefined {
  const asNumber = typeof value === 'number' ? readInt(value) : undefined;
  if (asNumber !== undefined) {
    return Object.keys(acceleratorTable).find((name) => acceleratorTable[name].number === asNumber);
  }
  const name = readString(value);
  return name === 'ACCELERATOR_TYPE_UNSPECIFIED' ? undefined : name;
}

export function acceleratorsForMachine(machineType: string): string[] {
  return Object.keys(machines.get(machineType)?.accelerators ?? {});
}

export function allowedCounts(machineType: string, acceleratorType: string): number[] {
  const accelerators = machines.get(machineType)?.accelerators ?? {};
  return Object.hasOwn(accelerators, acceleratorType) ? [...accelerators[acceleratorType]] : [];
}

export function tpuTopologies(machineType: string): string[] {
  return [...(machines.get(machineType)?.topologies ?? [])];
}

/** Machine types that take `count` accelerators of this type (any count when omitted). */
export function machinesFor(acceleratorType: string, count?: number): string[] {
  return [...machines.values()]
    .filter((m) => {
      const counts = m.accelerators[acceleratorType] as number[] | undefined;
      return counts !== undefined && (count === undefined || counts.includes(count));
    })
    .map((m) => m.name);
}

/** Every region that runs custom training, with the accelerators regions.json lists for it. */
export function knownRegions(): RegionInfo[] {
  return Object.entries(regionTable).map(([id, r]) => ({ id, label: r.label, offers: [...(r.offers ?? [])], offersListed: r.offers !== undefined }));
}

/** The key regions.json lists for what a machine spec needs: its accelerator, or its TPU VM series. */
export function regionKey(machineType: string, acceleratorType: string | undefined): string | undefined {
  return acceleratorType ?? machines.get(machineType)?.tpuSeries;
}

/** Regions offering an accelerator type, a TPU VM series, or a TPU VM machine type's series. */
export function regionsWith(key: string): string[] {
  const wanted = machines.get(key)?.tpuSeries ?? key;
  return Object.keys(regionTable).filter((id) => regionTable[id].offers?.includes(wanted) === true);
}

/** A display name for a regions.json offer: "L4", "TPU v3", or "TPU v5e" for the ct5lp-hightpu series. */
export function offerDisplayName(key: string): string {
  return acceleratorInfo(key)?.display ?? [...machines.values()].find((m) => m.tpuSeries === key)?.tpuDisplay ?? key;
}

/** undefined when the region or its accelerators are not in the table, so callers can stay silent about it. */
export function regionOffers(region: string, key: string): boolean | undefined {
  return Object.hasOwn(regionTable, region) ? regionTable[region].offers?.includes(key) : undefined;
}

export function bootDiskTypes(machineType?: string): string[] {
  const prefix = Object.keys(bootDiskTypesByPrefix).find((p) => machineType?.startsWith(p) === true);
  return [...(prefix === undefined ? bootDiskData.types : bootDiskTypesByPrefix[prefix])];
}

export const bootDiskSizeLimits = {
  minGb: bootDiskData.minSizeGb,
  maxGb: bootDiskData.maxSizeGb,
  defaultGb: bootDiskData.defaultSizeGb,
} as const;

/** "1×A100", "8×H100", "TPU v5e 2x2", "n1-standard-4", with ", N replicas" when there are several. */
export function hardwareSummary(machineSpec: unknown, replicaCount?: unknown): string {
  if (!isRecord(machineSpec)) {
    return '';
  }
  const machineType = readString(machineSpec.machineType) ?? '';
  const info = machines.get(machineType);
  const accelerator = readAcceleratorType(machineSpec.acceleratorType);
  const count = readInt(machineSpec.acceleratorCount);
  let summary = machineType;
  if (info?.kind === 'tpuVm') {
    const topology = readString(machineSpec.tpuTopology) ?? info.topologies[0];
    summary = `${info.tpuDisplay ?? machineType} ${topology}`;
  } else if (accelerator !== undefined && count !== undefined && count > 0) {
    summary = `${count}×${acceleratorInfo(accelerator)?.display ?? accelerator}`;
  }
  const replicas = readInt(replicaCount);
  return replicas !== undefined && replicas > 1 ? `${summary}, ${replicas} replicas` : summary;
}

function family(machineType: string): string {
  return machines.get(machineType)?.kind === 'cloudTpu' ? machineType : machineType.split('-')[0];
}

/** Machine families ("g2", "n1", "cloud-tpu") that take this accelerator type, for messages. */
export function familiesFor(acceleratorType: string): string[] {
  return [...new Set(machinesFor(acceleratorType).map(family))];
}

/**
 * The machine type taking `count` accelerators of this type that is closest to `current`:
 * same family first, then the same class (standard, highmem, ...), then the nearest vCPU count.
 */
export function closestMachineFor(acceleratorType: string, count: number, current: string): string | undefined {
  const here = machines.get(current);
  // Without a vCPU count to match (cloud-tpu), the standard shapes are the natural pick.
  const herePart = here?.vcpus === undefined ? 'standard' : current.split('-')[1];
  const score = (name: string): number[] => {
    const m = machines.get(name);
    return [
      family(name) === family(current) ? 0 : 1,
      name.split('-')[1] === herePart ? 0 : 1,
      Math.abs((m?.vcpus ?? 0) - (here?.vcpus ?? 0)),
      m?.vcpus ?? 0,
    ];
  };
  return machinesFor(acceleratorType, count).sort((a, b) => compareScores(score(a), score(b)))[0];
}

/** A TPU VM machine type of the same series that supports this topology, single-host first. */
export function tpuMachineWithTopology(current: string, topology: string): string | undefined {
  const series = machines.get(current)?.tpuSeries;
  return [...machines.values()]
    .filter((m) => m.tpuSeries === series && m.topologies.includes(topology))
    .sort((a, b) => a.topologies.indexOf(topology) - b.topologies.indexOf(topology))[0]?.name;
}

/** The known machine type nearest in spelling, for typos such as "n1-standard-2" or "g2-standrad-8". */
export function similarMachineType(machineType: string): string | undefined {
  const trailing = (name: string): number => Number(/(\d+)[a-z]*$/.exec(name)?.[1] ?? 0);
  const score = (name: string): number[] => [
    editDistance(machineType, name),
    Math.abs(trailing(name) - trailing(machineType)),
  ];
  const best = [...machines.keys()].sort((a, b) => compareScores(score(a), score(b)))[0];
  return best !== undefined && editDistance(machineType, best) <= 3 ? best : undefined;
}

function compareScores(a: number[], b: number[]): number {
  const i = a.findIndex((value, k) => value !== b[k]);
  return i === -1 ? 0 : a[i] - b[i];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
