// Values to offer while a spec field is typed, from the same data the validator checks against:
// machine types, the accelerators and counts a machine takes, TPU topologies, prebuilt images,
// regions, and any enum the protos define.
import schemaJson from '../../../schemas/vertex-job.schema.json';
import {
  acceleratorInfo, acceleratorNames, acceleratorsForMachine, allowedCounts, bootDiskTypes, knownMachineTypes, knownRegions,
  machineInfo, offerDisplayName, readAcceleratorType, regionKey, tpuTopologies,
} from '../../jobs/hardware-catalog';
import type { MachineInfo } from '../../jobs/hardware-catalog';
import { isRecord, readString } from '../../jobs/proto-json-values';
import { prebuiltImages } from '../../jobs/spec-images';
import type { ImageAccelerator, PrebuiltImage } from '../../jobs/spec-images';
import type { SpecPath } from '../../jobs/spec-types';
import { prebuiltImageUri } from '../../scaffold/templates';

export interface SpecCompletion {
  label: string;
  detail?: string;
  /** Orders the list; the label's own order otherwise. */
  sortText?: string;
}

type Obj = Record<string, unknown>;

interface SchemaNode { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: boolean | SchemaNode; enum?: string[] }
const schema = schemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function valueAt(root: unknown, path: SpecPath): unknown {
  let here = root;
  for (const step of path) {
    if (typeof step === 'number') here = Array.isArray(here) ? here[step] : step === 0 ? here : undefined;
    else here = isRecord(here) ? here[step] : undefined;
  }
  return here;
}

function schemaAt(path: SpecPath): SchemaNode | undefined {
  const resolve = (node: SchemaNode | undefined): SchemaNode | undefined => (node?.$ref ? schema.definitions[node.$ref.replace('#/definitions/', '')] : node);
  let node: SchemaNode | undefined = schema;
  for (const step of path) {
    const here = resolve(node);
    node = typeof step === 'number' ? here?.items : here?.properties?.[step] ?? (typeof here?.additionalProperties === 'object' ? here.additionalProperties : undefined);
  }
  return resolve(node);
}

function machineDetail(info: MachineInfo): string {
  const cpus = info.vcpus === undefined ? undefined : `${info.vcpus} vCPUs`;
  if (info.kind === 'tpuVm') return [info.tpuDisplay, `topology ${info.topologies.join(', ')}`, cpus].filter(Boolean).join(' · ');
  const accelerators = Object.entries(info.accelerators).map(([type, counts]) =>
    `${acceleratorInfo(type)?.display ?? type} ×${counts.join('/')}`);
  return [cpus, ...accelerators].filter(Boolean).join(' · ');
}

function poolMachine(root: unknown, path: SpecPath): Obj {
  const spec = path[0] === 'workerPoolSpecs' && typeof path[1] === 'number' ? valueAt(root, [...path.slice(0, 2), 'machineSpec']) : undefined;
  return isRecord(spec) ? spec : {};
}

function machineKind(machineSpec: Obj): ImageAccelerator {
  const info = machineInfo(readString(machineSpec.machineType) ?? '');
  const accelerator = readAcceleratorType(machineSpec.acceleratorType);
  if (info?.kind === 'tpuVm' || info?.kind === 'cloudTpu' || accelerator?.startsWith('TPU')) return 'tpu';
  return accelerator !== undefined ? 'gpu' : 'cpu';
}

/** PyTorch/XLA images run on TPUs, though the docs' table lists them as CPU images. */
function imageAccelerators(image: PrebuiltImage): ImageAccelerator[] {
  return image.name.includes('-xla.') ? ['tpu'] : image.accelerators;
}

function regionOf(root: unknown): string {
  return readString(valueAt(root, ['region'])) ?? 'us-central1';
}

const numbered = (items: string[]): SpecCompletion[] => items.map((label, i) => ({ label, sortText: String(i).padStart(4, '0') }));

export function valueCompletions(path: SpecPath, root: unknown, today: Date = new Date()): SpecCompletion[] {
  const key = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const machineSpec = poolMachine(root, path);
  const machineType = readString(machineSpec.machineType) ?? '';
  const accelerator = readAcceleratorType(machineSpec.acceleratorType);
  if (parentKey === 'machineSpec' && key === 'machineType') {
    return knownMachineTypes().map((name) => {
      const info = machineInfo(name) as MachineInfo;
      const fits = accelerator !== undefined && Object.hasOwn(info.accelerators, accelerator);
      return { label: name, detail: machineDetail(info), sortText: `${fits ? 0 : 1}${name}` };
    });
  }
  if (parentKey === 'machineSpec' && key === 'acceleratorType') {
    const forMachine = acceleratorsForMachine(machineType);
    const names = forMachine.length > 0 ? forMachine : acceleratorNames().filter((n) => !acceleratorInfo(n)?.deprecated);
    return names.map((name) => ({
      label: name,
      detail: [acceleratorInfo(name)?.display, forMachine.length > 0 ? `${machineType} takes ${allowedCounts(machineType, name).join(', ')}` : undefined].filter(Boolean).join(' · '),
    }));
  }
  if (parentKey === 'machineSpec' && key === 'acceleratorCount') {
    const counts = accelerator !== undefined ? allowedCounts(machineType, accelerator) : [];
    return numbered(counts.map(String)).map((c) => ({ ...c, detail: `${machineType} with ${accelerator}` }));
  }
  if (parentKey === 'machineSpec' && key === 'tpuTopology') {
    return numbered(tpuTopologies(machineType)).map((c, i) => ({ ...c, detail: i === 0 ? 'single host' : 'multi-host slice' }));
  }
  if (parentKey === 'diskSpec' && key === 'bootDiskType') {
    return numbered(bootDiskTypes(machineType || undefined));
  }
  if ((parentKey === 'containerSpec' && key === 'imageUri') || (parentKey === 'pythonPackageSpec' && key === 'executorImageUri')) {
    const kind = machineKind(machineSpec);
    const region = regionOf(root);
    const available = (image: PrebuiltImage): boolean => today < new Date(`${image.endOfAvailability}T00:00:00Z`);
    return prebuiltImages()
      .filter((image) => imageAccelerators(image).includes(kind))
      .sort((a, b) => Number(available(b)) - Number(available(a)) || a.framework.localeCompare(b.framework)
        || b.version.localeCompare(a.version, undefined, { numeric: true }))
      .map((image, i) => ({
        label: prebuiltImageUri(image, region),
        detail: `${image.framework} ${image.version} · Python ${image.python} · ` +
          (available(image) ? `available until ${image.endOfAvailability}` : `no longer available since ${image.endOfAvailability}`),
        sortText: String(i).padStart(4, '0'),
      }));
  }
  if (path.length === 1 && key === 'region') {
    const pools = valueAt(root, ['workerPoolSpecs']);
    const needs = [...new Set((Array.isArray(pools) ? pools : [pools]).filter(isRecord).map((pool) => {
      const spec = isRecord(pool.machineSpec) ? pool.machineSpec : {};
      return regionKey(readString(spec.machineType) ?? '', readAcceleratorType(spec.acceleratorType));
    }).filter((k): k is string => k !== undefined))];
    return knownRegions().map((region) => {
      const missing = needs.filter((k) => !region.offers.includes(k)).map(offerDisplayName);
      const offered = needs.filter((k) => region.offers.includes(k)).map(offerDisplayName);
      const detail = [region.label, offered.length > 0 ? `offers ${offered.join(', ')}` : undefined, missing.length > 0 ? `no ${missing.join(', ')} listed` : undefined];
      return { label: region.id, detail: detail.filter(Boolean).join(' · '), sortText: `${missing.length > 0 ? 1 : 0}${region.id}` };
    });
  }
  const values = schemaAt(path)?.enum?.filter((v) => !v.endsWith('_UNSPECIFIED')) ?? [];
  return numbered(values);
}
