import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHardware } from '../../../src/jobs/hardware-rules';
import type { HardwareProblem } from '../../../src/jobs/hardware-rules';

type Pool = Record<string, unknown>;

function job(...pools: Pool[]): { workerPoolSpecs: unknown[] } {
  return { workerPoolSpecs: pools };
}

function pool(machineSpec: Record<string, unknown>, extra: Pool = {}): Pool {
  return { machineSpec, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/trainer:1' }, ...extra };
}

const ms = (index: number, field?: string): (string | number)[] =>
  field === undefined ? ['workerPoolSpecs', index, 'machineSpec'] : ['workerPoolSpecs', index, 'machineSpec', field];

// Valid worker pools, from "Configure compute resources for custom training"
// (https://cloud.google.com/vertex-ai/docs/training/configure-compute: machine types, GPUs, TPUs,
// boot disk options) and "Training with TPU accelerators"
// (https://cloud.google.com/vertex-ai/docs/training/training-with-tpu-vm).
const valid: [string, Pool[], string?][] = [
  ['CPU only, n1-standard-4', [pool({ machineType: 'n1-standard-4' })]],
  ['CPU only, e2/n2/c2/m1', [pool({ machineType: 'e2-standard-4' }), pool({ machineType: 'n2-highmem-16' }),
    pool({ machineType: 'c2-standard-60' }), pool({ machineType: 'm1-ultramem-40' })]],
  ['n1-standard-4 + 1 T4', [pool({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 })]],
  ['n1-highmem-2 + 4 P100', [pool({ machineType: 'n1-highmem-2', acceleratorType: 'NVIDIA_TESLA_P100', acceleratorCount: 4 })]],
  ['n1-standard-8 + 8 V100', [pool({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_V100', acceleratorCount: 8 })]],
  ['n1-highcpu-16 + 2 V100', [pool({ machineType: 'n1-highcpu-16', acceleratorType: 'NVIDIA_TESLA_V100', acceleratorCount: '2' })]],
  ['n1-standard-32 + 2 T4', [pool({ machineType: 'n1-standard-32', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 2 })]],
  ['n1-highmem-96 + 4 P4', [pool({ machineType: 'n1-highmem-96', acceleratorType: 'NVIDIA_TESLA_P4', acceleratorCount: 4 })]],
  ['a2-highgpu-1g + 1 A100', [pool({ machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 })]],
  ['a2-megagpu-16g + 16 A100', [pool({ machineType: 'a2-megagpu-16g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 16 })]],
  ['a2-ultragpu-8g + 8 A100 80GB', [pool({ machineType: 'a2-ultragpu-8g', acceleratorType: 'NVIDIA_A100_80GB', acceleratorCount: 8 })]],
  ['a3-highgpu-8g + 8 H100', [pool({ machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 })], 'us-central1'],
  ['a3-megagpu-8g + 8 H100 Mega', [pool({ machineType: 'a3-megagpu-8g', acceleratorType: 'NVIDIA_H100_MEGA_80GB', acceleratorCount: 8 })]],
  ['a3-ultragpu-8g + 8 H200 on hyperdisk', [pool({ machineType: 'a3-ultragpu-8g', acceleratorType: 'NVIDIA_H200_141GB', acceleratorCount: 8 },
    { diskSpec: { bootDiskType: 'hyperdisk-balanced', bootDiskSizeGb: 500 } })]],
  ['a4-highgpu-8g + 8 B200', [pool({ machineType: 'a4-highgpu-8g', acceleratorType: 'NVIDIA_B200', acceleratorCount: 8 })]],
  ['a4x-highgpu-4g + 4 GB200', [pool({ machineType: 'a4x-highgpu-4g', acceleratorType: 'NVIDIA_GB200', acceleratorCount: 4 })]],
  ['g2-standard-8 + 1 L4', [pool({ machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 })], 'europe-west4'],
  ['g2-standard-96 + 8 L4', [pool({ machineType: 'g2-standard-96', acceleratorType: 'NVIDIA_L4', acceleratorCount: 8 })]],
  ['g4-standard-48 + 1 RTX PRO 6000', [pool({ machineType: 'g4-standard-48', acceleratorType: 'NVIDIA_RTX_PRO_6000', acceleratorCount: 1 })]],
  ['accelerator as enum number (5 = T4)', [pool({ machineType: 'n1-standard-4', acceleratorType: 5, acceleratorCount: 1 })]],
  ['unset accelerator in proto3 form', [pool({ machineType: 'n1-standard-4', acceleratorType: 'ACCELERATOR_TYPE_UNSPECIFIED', acceleratorCount: 0 })]],
  ['cloud-tpu + 8 TPU v2', [pool({ machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 8 })], 'us-central1'],
  ['cloud-tpu + 32 TPU v3 (pod)', [pool({ machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 32 })]],
  ['ct5lp-hightpu-1t 1x1', [pool({ machineType: 'ct5lp-hightpu-1t', tpuTopology: '1x1' })]],
  ['ct5lp-hightpu-4t 2x2', [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' })], 'us-west4'],
  ['ct5lp-hightpu-4t 4x4 (multi-host)', [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '4x4' })]],
  ['ct5lp-hightpu-8t 2x4', [pool({ machineType: 'ct5lp-hightpu-8t', tpuTopology: '2x4' })]],
  ['ct6e-standard-4t 8x8', [pool({ machineType: 'ct6e-standard-4t', tpuTopology: '8x8' })]],
  ['distributed GPU pools with an empty placeholder pool', [
    pool({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 }),
    pool({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 }, { replicaCount: '3' }),
    {},
    pool({ machineType: 'n1-standard-4' }),
  ]],
  ['boot disk pd-standard at both size limits', [
    pool({ machineType: 'n1-standard-4' }, { diskSpec: { bootDiskType: 'pd-standard', bootDiskSizeGb: 100 } }),
    pool({ machineType: 'n1-standard-4' }, { diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: '64000' } }),
  ]],
];

describe('hardware rules accept what the docs allow', () => {
  for (const [name, pools, region] of valid) {
    test(name, () => assert.deepEqual(checkHardware(job(...pools), region), []));
  }
});

interface Expected {
  rule: string;
  path: (string | number)[];
  fix?: { path: (string | number)[]; value: unknown };
  apiMessage?: string;
  message?: RegExp;
}

// Invalid pools. Wording of apiMessage where the real API's is known: accelerator/machine and count
// errors as quoted in GoogleCloudPlatform/vertex-ai-samples#213 and #3372, and the pair error as quoted
// in prefect-archive/prefect-gcp#175. Rules from the same configure-compute and TPU pages as above.
const invalid: [string, Pool[], string | undefined, Expected[]][] = [
  ['K80 is no longer supported', [pool({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_K80', acceleratorCount: 1 })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'),
    apiMessage: 'Accelerator "NVIDIA_TESLA_K80" is not supported for machine type "n1-standard-4".',
    fix: { path: ms(0, 'acceleratorType'), value: 'NVIDIA_TESLA_T4' },
  }]],
  ['g2-standard-8 takes exactly one L4', [pool({ machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 8 })], undefined, [{
    rule: 'accelerator-count', path: ms(0, 'acceleratorCount'), message: /g2-standard-8 takes exactly 1 NVIDIA_L4/,
    apiMessage: 'The accelerator count "8" is not allowed. The allowed numbers of accelerator "NVIDIA_L4" to use with machine type "g2-standard-8" are: [1].',
    fix: { path: ms(0, 'acceleratorCount'), value: 1 },
  }]],
  ['an L4 needs a g2 machine', [pool({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'), message: /needs a g2 machine type/,
    fix: { path: ms(0, 'machineType'), value: 'g2-standard-8' },
  }]],
  ['no machine takes 3 L4: the family is named, no fix is guessed', [pool({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 3 })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'), message: /needs a g2 machine type/,
  }]],
  ['a T4 needs an N1 machine', [pool({ machineType: 'e2-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: '1' })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'), fix: { path: ms(0, 'machineType'), value: 'n1-standard-8' },
  }]],
  ['no P100 on 64 vCPU N1', [pool({ machineType: 'n1-standard-64', acceleratorType: 'NVIDIA_TESLA_P100', acceleratorCount: 4 })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'), fix: { path: ms(0, 'machineType'), value: 'n1-standard-32' },
  }]],
  ['16 vCPU N1 takes 2, 4 or 8 V100', [pool({ machineType: 'n1-standard-16', acceleratorType: 'NVIDIA_TESLA_V100', acceleratorCount: '1' })], undefined, [{
    rule: 'accelerator-count', path: ms(0, 'acceleratorCount'), fix: { path: ms(0, 'acceleratorCount'), value: '2' },
  }]],
  ['a2-highgpu-2g comes with 2 A100', [pool({ machineType: 'a2-highgpu-2g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 })], undefined, [{
    rule: 'accelerator-count', path: ms(0, 'acceleratorCount'), fix: { path: ms(0, 'acceleratorCount'), value: 2 },
  }]],
  ['type without count', [pool({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4' })], undefined, [{
    rule: 'accelerator-pair', path: ms(0, 'acceleratorType'),
    apiMessage: 'Both `accelerator_type` and `accelerator_count` should be specified or none.',
    fix: { path: ms(0, 'acceleratorCount'), value: 1 },
  }]],
  ['count without type on N1', [pool({ machineType: 'n1-standard-4', acceleratorCount: 2 })], undefined, [{
    rule: 'accelerator-pair', path: ms(0, 'acceleratorCount'), fix: { path: ms(0, 'acceleratorCount'), value: undefined },
  }]],
  ['count without type on g2', [pool({ machineType: 'g2-standard-4', acceleratorCount: 1 })], undefined, [{
    rule: 'accelerator-pair', path: ms(0, 'acceleratorCount'), fix: { path: ms(0, 'acceleratorType'), value: 'NVIDIA_L4' },
  }]],
  ['a2 machine without its GPUs', [pool({ machineType: 'a2-highgpu-1g' })], undefined, [{
    rule: 'accelerator-required', path: ms(0, 'acceleratorType'),
    fix: { path: ms(0), value: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 } },
  }]],
  ['n1-standard-2 is not a training machine type', [pool({ machineType: 'n1-standard-2' })], undefined, [{
    rule: 'machine-type', path: ms(0, 'machineType'), fix: { path: ms(0, 'machineType'), value: 'n1-standard-4' },
  }]],
  ['a machine type typo', [pool({ machineType: 'g2-standrad-8' })], undefined, [{
    rule: 'machine-type', path: ms(0, 'machineType'), fix: { path: ms(0, 'machineType'), value: 'g2-standard-8' },
  }]],
  ['cloud-tpu takes 8 TPU v2, or 32 and up', [pool({ machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 4 })], undefined, [{
    rule: 'accelerator-count', path: ms(0, 'acceleratorCount'), fix: { path: ms(0, 'acceleratorCount'), value: 8 },
  }]],
  ['cloud-tpu takes no GPU', [pool({ machineType: 'cloud-tpu', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'), fix: { path: ms(0, 'machineType'), value: 'n1-standard-4' },
  }]],
  ['TPU v5e is a machine type, not an accelerator on N1', [pool({ machineType: 'n1-standard-8', acceleratorType: 'TPU_V5_LITEPOD', acceleratorCount: 4 })], undefined, [{
    rule: 'accelerator-machine', path: ms(0, 'acceleratorType'), message: /ct5lp-hightpu-4t/,
    fix: { path: ms(0), value: { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' } },
  }]],
  ['v5e takes no accelerator fields', [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2', acceleratorType: 'TPU_V5_LITEPOD', acceleratorCount: 4 })], undefined, [{
    rule: 'tpu-accelerator', path: ms(0, 'acceleratorType'),
    fix: { path: ms(0), value: { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' } },
  }]],
  ['v5e topology not offered', [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '3x3' })], undefined, [{
    rule: 'tpu-topology', path: ms(0, 'tpuTopology'), fix: { path: ms(0, 'tpuTopology'), value: '2x2' },
  }]],
  ['2x2 needs the 4-chip v5e machine', [pool({ machineType: 'ct5lp-hightpu-1t', tpuTopology: '2x2' })], undefined, [{
    rule: 'tpu-topology', path: ms(0, 'tpuTopology'), fix: { path: ms(0, 'machineType'), value: 'ct5lp-hightpu-4t' },
  }]],
  ['v6e needs a topology', [pool({ machineType: 'ct6e-standard-8t' })], undefined, [{
    rule: 'tpu-topology', path: ms(0, 'tpuTopology'), fix: { path: ms(0, 'tpuTopology'), value: '2x4' },
  }]],
  ['tpuTopology on a GPU machine', [pool({ machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1, tpuTopology: '2x2' })], undefined, [{
    rule: 'tpu-topology', path: ms(0, 'tpuTopology'), fix: { path: ms(0, 'tpuTopology'), value: undefined },
  }]],
  ['a TPU job has exactly one worker pool', [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' }), pool({ machineType: 'n1-standard-4' })], undefined, [{
    rule: 'tpu-pools', path: ['workerPoolSpecs', 1],
  }]],
  ['a TPU worker pool has one replica', [pool({ machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 8 }, { replicaCount: '2' })], undefined, [{
    rule: 'tpu-replica-count', path: ['workerPoolSpecs', 0, 'replicaCount'], fix: { path: ['workerPoolSpecs', 0, 'replicaCount'], value: '1' },
  }]],
  ['H100 not offered in asia-south1', [pool({ machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 })], 'asia-south1', [{
    rule: 'region-accelerator', path: ms(0, 'acceleratorType'), message: /us-central1/,
  }]],
  ['TPU v5e not offered in europe-west1', [pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' })], 'europe-west1', [{
    rule: 'region-accelerator', path: ms(0, 'machineType'),
  }]],
  ['boot disk type unknown', [pool({ machineType: 'n1-standard-4' }, { diskSpec: { bootDiskType: 'pd-balanced' } })], undefined, [{
    rule: 'boot-disk-type', path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskType'],
    fix: { path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskType'], value: 'pd-ssd' },
  }]],
  ['A3 Ultra boots from Hyperdisk only', [pool({ machineType: 'a3-ultragpu-8g', acceleratorType: 'NVIDIA_H200_141GB', acceleratorCount: 8 },
    { diskSpec: { bootDiskType: 'pd-ssd' } })], undefined, [{
    rule: 'boot-disk-type', path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskType'],
    fix: { path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskType'], value: 'hyperdisk-balanced' },
  }]],
  ['boot disk below 100 GB', [pool({ machineType: 'n1-standard-4' }, { diskSpec: { bootDiskSizeGb: '50' } })], undefined, [{
    rule: 'boot-disk-size', path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskSizeGb'],
    fix: { path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskSizeGb'], value: '100' },
  }]],
  ['boot disk above 64000 GB', [pool({ machineType: 'n1-standard-4' }, { diskSpec: { bootDiskSizeGb: 70000 } })], undefined, [{
    rule: 'boot-disk-size', path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskSizeGb'],
    fix: { path: ['workerPoolSpecs', 0, 'diskSpec', 'bootDiskSizeGb'], value: 64000 },
  }]],
  ['problems in several pools keep their own paths', [
    pool({ machineType: 'n1-standard-4' }),
    pool({ machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 2 }),
  ], undefined, [{ rule: 'accelerator-count', path: ms(1, 'acceleratorCount') }]],
];

function comparable(problem: HardwareProblem | Expected, like: Expected | undefined): unknown {
  return {
    rule: problem.rule,
    path: problem.path,
    ...(like?.fix && { fix: problem.fix && { path: problem.fix.path, value: problem.fix.value } }),
    ...(like?.apiMessage !== undefined && { apiMessage: problem.apiMessage }),
  };
}

describe('hardware rules reject what the docs do not allow', () => {
  for (const [name, pools, region, expected] of invalid) {
    test(name, () => {
      const problems = checkHardware(job(...pools), region);
      assert.deepEqual(problems.map((p, i) => comparable(p, expected[i])), expected.map((e) => comparable(e, e)));
      problems.forEach((p, i) => {
        assert.ok(p.message.length > 0 && p.apiMessage.length > 0);
        const pattern = expected[i].message;
        if (pattern) assert.match(p.message, pattern);
        if (p.fix) assert.ok(p.fix.title.length > 0);
      });
    });
  }
});

describe('hardware rules never throw on input of the wrong shape', () => {
  const junk: unknown[] = [
    null, undefined, 'spec', 42, [], {}, { workerPoolSpecs: 'x' }, { workerPoolSpecs: [null, 5, 'a', []] },
    job({ machineSpec: 7 }, { machineSpec: { machineType: 9 } }, { machineSpec: null, diskSpec: 'big' }),
    job(pool({ machineType: 'n1-standard-4', acceleratorType: 'NOT_A_GPU', acceleratorCount: 1 })),
    job(pool({ machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 'abc' })),
    job(pool({ machineType: 'n1-standard-4', acceleratorType: { nested: true }, acceleratorCount: 1.5 })),
    job(pool({ machineType: 'n1-standard-4' }, { diskSpec: { bootDiskType: 7, bootDiskSizeGb: 'huge' } })),
    job(pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: 22 })),
  ];
  for (const input of junk) {
    test(JSON.stringify(input) ?? String(input), () => {
      assert.deepEqual(checkHardware(input as { workerPoolSpecs?: unknown[] }, 'us-central1'), []);
    });
  }
  test('an unknown region is not a problem: nothing is claimed about it', () => {
    const spec = job(pool({ machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 }));
    assert.deepEqual(checkHardware(spec, 'mars-north1'), []);
  });
  test('a training region whose accelerators regions.json does not list is not a problem either', () => {
    const spec = job(pool({ machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 }));
    assert.deepEqual(checkHardware(spec, 'europe-north1'), []);
    assert.deepEqual(checkHardware(job(pool({ machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' })), 'me-central2'), []);
  });
});
