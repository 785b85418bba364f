import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import acceleratorData from '../../../src/jobs/data/accelerators.json';
import bootDiskData from '../../../src/jobs/data/boot-disk.json';
import machineData from '../../../src/jobs/data/machine-types.json';
import regionData from '../../../src/jobs/data/regions.json';
import {
  acceleratorNames, acceleratorsForMachine, allowedCounts, bootDiskTypes, hardwareSummary, knownMachineTypes,
  knownRegions, machineInfo, machinesFor, offerDisplayName, readAcceleratorType, regionOffers, regionsWith, tpuTopologies,
} from '../../../src/jobs/hardware-catalog';

interface ProtoEnum {
  values: Record<string, number>;
  valuesOptions?: Record<string, { deprecated?: boolean }>;
}

function protoAcceleratorEnum(): ProtoEnum {
  const file = require.resolve('@google-cloud/aiplatform/build/protos/protos.json');
  const root = JSON.parse(readFileSync(file, 'utf8'));
  return root.nested.google.nested.cloud.nested.aiplatform.nested.v1.nested.AcceleratorType as ProtoEnum;
}

describe('the data files cannot drift from the protos or from each other', () => {
  test('accelerators.json holds every AcceleratorType of google.cloud.aiplatform.v1, with its number and deprecation', () => {
    const proto = protoAcceleratorEnum();
    const fromProto = Object.entries(proto.values)
      .filter(([name]) => name !== 'ACCELERATOR_TYPE_UNSPECIFIED')
      .map(([name, number]) => [name, number, proto.valuesOptions?.[name]?.deprecated === true])
      .sort();
    const fromData = Object.entries(acceleratorData.acceleratorTypes)
      .map(([name, a]) => [name, a.number, a.deprecated])
      .sort();
    assert.deepEqual(fromData, fromProto);
  });

  test('every accelerator has a display name and a kind', () => {
    for (const [name, a] of Object.entries(acceleratorData.acceleratorTypes)) {
      assert.ok(a.display.length > 0, name);
      assert.ok(a.kind === 'gpu' || a.kind === 'tpu', name);
      assert.equal(a.kind === 'tpu', name.startsWith('TPU_'), name);
    }
  });

  test('machine-types.json names only accelerators that exist', () => {
    const known = new Set(acceleratorNames());
    const referenced = [
      ...Object.values(machineData.fixedGpu).map((m) => m.accelerator),
      ...machineData.n1.gpuCounts.flatMap((row) => Object.keys(row.counts)),
      ...Object.values(machineData.cloudTpu).flatMap((m) => Object.keys(m.counts)),
    ];
    assert.ok(referenced.length > 20);
    assert.deepEqual(referenced.filter((name) => !known.has(name)), []);
  });

  test('every N1 shape has a GPU row and every machine type is listed once', () => {
    const rowVcpus = machineData.n1.gpuCounts.flatMap((row) => row.vcpus);
    for (const [name, vcpus] of Object.entries(machineData.n1.shapes)) {
      assert.ok(rowVcpus.includes(vcpus), name);
    }
    const all = [machineData.fixedGpu, machineData.n1.shapes, machineData.cpu, machineData.cloudTpu, machineData.tpuVm]
      .flatMap((table) => Object.keys(table));
    assert.equal(new Set(all).size, all.length);
    assert.deepEqual([...knownMachineTypes()].sort(), [...all].sort());
  });

  test('TPU VM topologies are AxB and each machine type has its single-host one first', () => {
    for (const [name, m] of Object.entries(machineData.tpuVm)) {
      assert.ok(m.topologies.every((t) => /^\d+x\d+$/.test(t)), name);
      const chips = Number(/-(\d+)t$/.exec(name)?.[1]);
      const [a, b] = m.topologies[0].split('x').map(Number);
      assert.equal(a * b, chips, name);
    }
  });

  test('regions.json offers only known accelerators and TPU VM series', () => {
    const series = new Set(Object.values(machineData.tpuVm).map((m) => m.series));
    const known = new Set([...acceleratorNames(), ...series]);
    const regions: Record<string, { label: string; offers?: string[] }> = regionData.regions;
    for (const [id, region] of Object.entries(regions)) {
      assert.match(id, /^[a-z]+-[a-z]+\d+$/);
      assert.deepEqual((region.offers ?? []).filter((key) => !known.has(key)), [], id);
    }
    for (const id of ['us-central1', 'us-east1', 'us-east4', 'us-west1', 'us-west4', 'europe-west4', 'europe-west1',
      'asia-east1', 'asia-southeast1', 'asia-northeast1']) {
      assert.ok(Object.hasOwn(regionData.regions, id), id);
    }
  });

  test('boot disk overrides only name known disk types', () => {
    for (const types of Object.values(bootDiskData.typesByMachinePrefix)) {
      assert.deepEqual(types.filter((t) => !bootDiskData.types.includes(t)), []);
    }
    assert.ok(bootDiskData.minSizeGb <= bootDiskData.defaultSizeGb && bootDiskData.defaultSizeGb <= bootDiskData.maxSizeGb);
  });
});

describe('lookups for completions, the tree and the emulator', () => {
  test('accelerators and counts a machine type takes', () => {
    assert.deepEqual(acceleratorsForMachine('g2-standard-24'), ['NVIDIA_L4']);
    assert.deepEqual(allowedCounts('g2-standard-24', 'NVIDIA_L4'), [2]);
    assert.deepEqual(acceleratorsForMachine('n1-standard-64').sort(), ['NVIDIA_TESLA_P4', 'NVIDIA_TESLA_T4', 'NVIDIA_TESLA_V100']);
    assert.deepEqual(allowedCounts('n1-standard-32', 'NVIDIA_TESLA_V100'), [4, 8]);
    assert.deepEqual(allowedCounts('cloud-tpu', 'TPU_V2'), [8, 32, 128, 256, 512]);
    assert.deepEqual(acceleratorsForMachine('e2-standard-4'), []);
    assert.deepEqual(acceleratorsForMachine('ct5lp-hightpu-4t'), []);
    assert.deepEqual(allowedCounts('nope', 'NVIDIA_L4'), []);
    assert.deepEqual(machinesFor('NVIDIA_A100_80GB', 4), ['a2-ultragpu-4g']);
  });

  test('TPU topologies and regions', () => {
    assert.deepEqual(tpuTopologies('ct5lp-hightpu-8t'), ['2x4']);
    assert.ok(tpuTopologies('ct6e-standard-4t').includes('16x16'));
    assert.deepEqual(tpuTopologies('n1-standard-4'), []);
    assert.ok(regionsWith('TPU_V3').includes('europe-west4'));
    assert.deepEqual(regionsWith('ct5lp-hightpu-4t'), regionsWith('ct5lp-hightpu'));
    assert.deepEqual(regionsWith('NVIDIA_TESLA_K80'), []);
    assert.equal(knownRegions().find((r) => r.id === 'us-central1')?.label, 'Iowa');
    // gcloud 528's SUPPORTED_TRAINING_REGIONS, whose accelerators regions.json does not list.
    const finland = knownRegions().find((r) => r.id === 'europe-north1');
    assert.deepEqual(finland, { id: 'europe-north1', label: 'Finland', offers: [], offersListed: false });
    assert.equal(regionOffers('europe-north1', 'NVIDIA_L4'), undefined);
    assert.equal(regionOffers('us-west3', 'NVIDIA_L4'), false);
    assert.equal(regionOffers('us-west3', 'NVIDIA_TESLA_T4'), true);
    assert.equal(regionOffers('mars-east1', 'NVIDIA_TESLA_T4'), undefined);
    assert.equal(knownRegions().find((r) => r.id === 'us-west3')?.offersListed, true);
    assert.ok(!regionsWith('NVIDIA_L4').includes('europe-north1'));
    assert.equal(knownRegions().length, 38);
    assert.deepEqual(['NVIDIA_L4', 'TPU_V3', 'ct5lp-hightpu', 'ct6e-standard'].map(offerDisplayName), ['L4', 'TPU v3', 'TPU v5e', 'TPU v6e']);
  });

  test('accelerator type read as a name or an enum number', () => {
    assert.equal(readAcceleratorType('NVIDIA_L4'), 'NVIDIA_L4');
    assert.equal(readAcceleratorType(11), 'NVIDIA_L4');
    assert.equal(readAcceleratorType(0), undefined);
    assert.equal(readAcceleratorType('ACCELERATOR_TYPE_UNSPECIFIED'), undefined);
    assert.equal(readAcceleratorType({}), undefined);
  });

  test('machine info and boot disk types by machine', () => {
    assert.equal(machineInfo('a3-ultragpu-8g')?.kind, 'fixedGpu');
    assert.deepEqual(bootDiskTypes('a3-ultragpu-8g'), ['hyperdisk-balanced']);
    assert.deepEqual(bootDiskTypes('n1-standard-4'), ['pd-ssd', 'pd-standard']);
    assert.deepEqual(bootDiskTypes('g2-standard-4'), ['pd-ssd', 'pd-standard', 'hyperdisk-balanced']);
  });

  const summaries: [unknown, unknown, string][] = [
    [{ machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 }, '1', '1×A100'],
    [{ machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: '8' }, 1, '8×H100'],
    [{ machineType: 'n1-standard-8', acceleratorType: 5, acceleratorCount: 2 }, '3', '2×T4, 3 replicas'],
    [{ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' }, '1', 'TPU v5e 2x2'],
    [{ machineType: 'ct6e-standard-8t' }, undefined, 'TPU v6e 2x4'],
    [{ machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 8 }, '1', '8×TPU v3'],
    [{ machineType: 'n1-standard-4' }, '1', 'n1-standard-4'],
    [{ machineType: 'custom-thing' }, 'x', 'custom-thing'],
    [null, '1', ''],
  ];
  for (const [spec, replicas, expected] of summaries) {
    test(`hardwareSummary → ${JSON.stringify(expected)}`, () => assert.equal(hardwareSummary(spec, replicas), expected));
  }
});
