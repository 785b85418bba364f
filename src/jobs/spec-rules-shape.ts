// Rules on the shape of a CustomJobSpec that no schema can say: worker pool positions, what a pool
// must hold, resource-name and e-mail formats, buckets, scheduling and labels. Sources: the proto
// comments in @google-cloud/aiplatform (custom_job.proto, machine_resources.proto), gcloud's
// `custom-jobs create` checks, and the docs pages named at each rule. Labels and names: spec-rules-names.
import { acceleratorInfo, machineInfo } from './hardware-catalog';
import { isRecord, readInt, readString } from './proto-json-values';
import { checkImageUri } from './spec-images';
import type { ImageAccelerator } from './spec-images';
import type { FixOp, Severity, SpecPath, SpecProblem, ValidationContext } from './spec-types';

const MAX_POOLS = 4;
const POOL_ROLES = ['primary replica', 'workers', 'parameter servers or reduction server', 'evaluators'];

type Obj = Record<string, unknown>;

function problem(path: SpecPath, rule: string, severity: Severity, message: string, fixes: FixOp[] = [], target: 'key' | 'value' = 'value'): SpecProblem {
  return { path, rule, severity, message, target, fixes };
}

function usable(value: unknown): string | undefined {
  const text = readString(value);
  return text !== undefined && !text.includes('${') ? text : undefined;
}

/** Pool and job-level rules on the normalised file (the CustomJobSpec fields sit at the top). */
export function checkShape(file: Obj, region: string | undefined, context: ValidationContext): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const pools = Array.isArray(file.workerPoolSpecs) ? file.workerPoolSpecs : undefined;
  if (pools !== undefined) {
    problems.push(...checkPools(pools, context));
  }
  problems.push(...checkIdentity(file, region), ...checkOutputs(file, region, context), ...checkScheduling(file));
  return problems;
}

function checkPools(pools: unknown[], context: ValidationContext): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (pools.length === 0) {
    problems.push(problem(['workerPoolSpecs'], 'worker-pools', 'error', 'workerPoolSpecs needs at least one worker pool (the primary replica).'));
  }
  pools.forEach((pool, index) => {
    const at: SpecPath = ['workerPoolSpecs', index];
    if (index >= MAX_POOLS) {
      problems.push(problem(at, 'worker-pools', 'error',
        `A job has at most ${MAX_POOLS} worker pools (${POOL_ROLES.join(', ')}); remove worker pool ${index}.`,
        [{ title: `Remove worker pool ${index}`, ops: [{ kind: 'set', path: ['workerPoolSpecs'], value: pools.slice(0, MAX_POOLS) }] }]));
      return;
    }
    if (!isRecord(pool) || Object.keys(pool).length === 0) {
      if (index === 0) {
        problems.push(problem(at, 'primary-pool-empty', 'error',
          'Worker pool 0 is the primary replica and cannot be empty; only pools 1–3 may be empty placeholders ({}).'));
      }
      return;
    }
    problems.push(...checkPool(pool, index, context));
  });
  return problems;
}

function checkPool(pool: Obj, index: number, context: ValidationContext): SpecProblem[] {
  const at: SpecPath = ['workerPoolSpecs', index];
  const problems: SpecProblem[] = [];
  const replicas = readInt(pool.replicaCount);
  if (index === 0 && replicas !== undefined && replicas !== 1) {
    problems.push(problem([...at, 'replicaCount'], 'primary-replica-count', 'error',
      `Worker pool 0 is the primary replica, so its replicaCount must be 1, not ${replicas}. Put more replicas in worker pool 1 (the workers).`,
      [{ title: 'Set replicaCount to 1', ops: [{ kind: 'set', path: [...at, 'replicaCount'], value: 1 }] }]));
  } else if (replicas !== undefined && replicas < 1) {
    problems.push(problem([...at, 'replicaCount'], 'replica-count', 'error',
      `replicaCount must be at least 1; to skip worker pool ${index}, write it as an empty pool: {}.`));
  }
  const machineSpec = isRecord(pool.machineSpec) ? pool.machineSpec : undefined;
  if (readString(machineSpec?.machineType) === undefined) {
    problems.push(problem([...at, 'machineSpec', 'machineType'], 'machine-type-required', 'error',
      `Worker pool ${index} needs machineSpec.machineType, for example n1-standard-4.`,
      [{ title: 'Use n1-standard-4', ops: [{ kind: 'set', path: [...at, 'machineSpec', 'machineType'], value: 'n1-standard-4' }] }], 'key'));
  }
  const hasContainer = isRecord(pool.containerSpec);
  const hasPackage = isRecord(pool.pythonPackageSpec);
  if (!hasContainer && !hasPackage) {
    problems.push(problem(at, 'pool-task', 'error',
      `Worker pool ${index} needs exactly one of containerSpec (a container image to run) or pythonPackageSpec (a Python package on a prebuilt image).`));
  }
  if (machineSpec !== undefined && readString(machineSpec.gpuPartitionSize) !== undefined && readInt(machineSpec.acceleratorCount) !== 1) {
    problems.push(problem([...at, 'machineSpec', 'acceleratorCount'], 'gpu-partition-count', 'error',
      'With gpuPartitionSize set, acceleratorCount must be 1.',
      [{ title: 'Set acceleratorCount to 1', ops: [{ kind: 'set', path: [...at, 'machineSpec', 'acceleratorCount'], value: 1 }] }]));
  }
  const machine = machineKind(machineSpec);
  const imageOptions = { machine, today: context.today };
  if (hasContainer) {
    const uri = usable((pool.containerSpec as Obj).imageUri);
    if (uri !== undefined) {
      problems.push(...checkImageUri(uri, [...at, 'containerSpec', 'imageUri'], imageOptions));
    }
  }
  if (hasPackage) {
    problems.push(...checkPythonPackage(pool.pythonPackageSpec as Obj, [...at, 'pythonPackageSpec'], imageOptions));
  }
  return problems;
}

function machineKind(machineSpec: Obj | undefined): ImageAccelerator | undefined {
  const info = machineInfo(readString(machineSpec?.machineType) ?? '');
  if (info === undefined) {
    return undefined;
  }
  if (info.kind === 'tpuVm' || info.kind === 'cloudTpu') {
    return 'tpu';
  }
  const accelerator = readString(machineSpec?.acceleratorType);
  return accelerator !== undefined && acceleratorInfo(accelerator)?.kind === 'gpu' ? 'gpu' : 'cpu';
}

function checkPythonPackage(spec: Obj, at: SpecPath, imageOptions: { machine?: ImageAccelerator; today?: Date }): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const executor = usable(spec.executorImageUri);
  if (executor !== undefined) {
    problems.push(...checkImageUri(executor, [...at, 'executorImageUri'], imageOptions));
  }
  const uris = Array.isArray(spec.packageUris) ? spec.packageUris : [];
  if (Array.isArray(spec.packageUris) && uris.length === 0) {
    problems.push(problem([...at, 'packageUris'], 'package-uris', 'error', 'packageUris needs at least one gs:// URI of a Python source distribution.'));
  }
  uris.forEach((uri, i) => {
    const text = usable(uri);
    if (text !== undefined && parseGcsUri(text) === undefined) {
      problems.push(problem([...at, 'packageUris', i], 'package-uris', 'error',
        `${text} is not a valid Cloud Storage URI: packageUris take gs://BUCKET/PATH/package.tar.gz, where BUCKET is 3–63 lowercase letters, digits, -, _ or dots.`));
    }
  });
  const module = usable(spec.pythonModule);
  if (module !== undefined && !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(module)) {
    const dotted = module.replace(/\.py$/, '').replace(/[\\/]+/g, '.').replace(/^\.+/, '');
    const valid = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(dotted);
    problems.push(problem([...at, 'pythonModule'], 'python-module', 'error',
      `pythonModule is a module name, as in python -m: ${valid ? `write ${dotted}` : 'for example trainer.task'}, not a file path.`,
      valid ? [{ title: `Write ${dotted}`, ops: [{ kind: 'set', path: [...at, 'pythonModule'], value: dotted }] }] : []));
  }
  return problems;
}

export function parseGcsUri(uri: string): { bucket: string; object: string } | undefined {
  const match = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  return match ? { bucket: match[1], object: match[2] ?? '' } : undefined;
}

function checkIdentity(file: Obj, region: string | undefined): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const account = usable(file.serviceAccount);
  if (account !== undefined) {
    if (!/^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/i.test(account)) {
      problems.push(problem(['serviceAccount'], 'service-account', 'error',
        `serviceAccount is the e-mail of a service account, like trainer@my-project.iam.gserviceaccount.com, not ${account}.`));
    } else if (!account.toLowerCase().endsWith('.gserviceaccount.com')) {
      problems.push(problem(['serviceAccount'], 'service-account', 'warning',
        `${account} is not a service account (those end in .gserviceaccount.com); jobs run as a service account, not a user.`));
    }
  }
  const network = usable(file.network);
  if (network !== undefined) {
    const match = /^projects\/([^/]+)\/global\/networks\/([^/]+)$/.exec(network);
    if (!match) {
      problems.push(problem(['network'], 'network-name', 'error',
        'network is the full name of a peered VPC network: projects/PROJECT_NUMBER/global/networks/NETWORK.'));
    } else if (!/^[0-9]+$/.test(match[1])) {
      problems.push(problem(['network'], 'network-name', 'warning',
        `network takes the project number, not the project ID: projects/PROJECT_NUMBER/global/networks/${match[2]}.`));
    }
  }
  if (Array.isArray(file.reservedIpRanges) && file.reservedIpRanges.length > 0 && network === undefined && file.network === undefined) {
    problems.push(problem(['reservedIpRanges'], 'reserved-ip-ranges', 'error',
      'reservedIpRanges name ranges reserved in the job\'s VPC network: set network as well.', [], 'key'));
  }
  const key = usable(isRecord(file.encryptionSpec) ? file.encryptionSpec.kmsKeyName : undefined);
  if (key !== undefined) {
    const match = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.exec(key);
    if (!match) {
      problems.push(problem(['encryptionSpec', 'kmsKeyName'], 'kms-key-name', 'error',
        'kmsKeyName is projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY.'));
    } else if (region !== undefined && match[1] !== region) {
      problems.push(problem(['encryptionSpec', 'kmsKeyName'], 'kms-key-region', 'error',
        `The key is in ${match[1]} but the job runs in ${region}: use a key in ${region}.`));
    }
  }
  return problems;
}

function checkOutputs(file: Obj, region: string | undefined, context: ValidationContext): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const output = isRecord(file.baseOutputDirectory) ? usable(file.baseOutputDirectory.outputUriPrefix) : undefined;
  const outputPath: SpecPath = ['baseOutputDirectory', 'outputUriPrefix'];
  if (output !== undefined) {
    if (parseGcsUri(output) === undefined) {
      problems.push(problem(outputPath, 'output-uri', 'error', `outputUriPrefix is a Cloud Storage folder, like gs://my-bucket/jobs/run-1, not ${output}.`));
    } else {
      problems.push(...checkBucketRegion(output, outputPath, region, context));
    }
  }
  const pools = Array.isArray(file.workerPoolSpecs) ? file.workerPoolSpecs : [];
  pools.forEach((pool, index) => {
    const uris = isRecord(pool) && isRecord(pool.pythonPackageSpec) && Array.isArray(pool.pythonPackageSpec.packageUris)
      ? pool.pythonPackageSpec.packageUris : [];
    uris.forEach((uri, i) => {
      const text = usable(uri);
      if (text !== undefined && parseGcsUri(text) !== undefined) {
        problems.push(...checkBucketRegion(text, ['workerPoolSpecs', index, 'pythonPackageSpec', 'packageUris', i], region, context));
      }
    });
  });
  const tensorboard = usable(file.tensorboard);
  if (tensorboard !== undefined) {
    const match = /^projects\/[^/]+\/locations\/([^/]+)\/tensorboards\/[^/]+$/.exec(tensorboard);
    if (!match) {
      problems.push(problem(['tensorboard'], 'tensorboard-name', 'error', 'tensorboard is projects/PROJECT/locations/REGION/tensorboards/TENSORBOARD_ID.'));
    } else if (region !== undefined && match[1] !== region) {
      problems.push(problem(['tensorboard'], 'tensorboard-region', 'error', `The TensorBoard instance is in ${match[1]} but the job runs in ${region}.`));
    }
    if (usable(file.serviceAccount) === undefined) {
      problems.push(problem(['tensorboard'], 'tensorboard-service-account', 'warning',
        'Uploading to a TensorBoard instance needs a serviceAccount with access to it (docs: "Use Vertex AI TensorBoard with custom training").', [], 'key'));
    }
    if (output === undefined) {
      problems.push(problem(['tensorboard'], 'tensorboard-output', 'warning',
        'Set baseOutputDirectory too: Vertex AI sets AIP_TENSORBOARD_LOG_DIR, where your code writes the logs to upload, only when it is set.', [], 'key'));
    }
  }
  return problems;
}

/** Multi-regions and dual-regions, and the regions they cover (Cloud Storage "Bucket locations"). */
const BUCKET_AREAS: Record<string, (region: string) => boolean> = {
  us: (r) => r.startsWith('us-'),
  eu: (r) => r.startsWith('europe-'),
  asia: (r) => r.startsWith('asia-'),
  nam4: (r) => r === 'us-central1' || r === 'us-east1',
  eur4: (r) => r === 'europe-west1' || r === 'europe-west4',
  asia1: (r) => r === 'asia-northeast1' || r === 'asia-northeast2',
};

export function checkBucketRegion(uri: string, path: SpecPath, region: string | undefined, context: ValidationContext): SpecProblem[] {
  const bucket = parseGcsUri(uri)?.bucket;
  const location = bucket === undefined ? undefined : context.bucketLocations?.[bucket]?.toLowerCase();
  if (region === undefined || location === undefined || location === region || BUCKET_AREAS[location]?.(region) === true) {
    return [];
  }
  return [problem(path, 'bucket-region', 'warning',
    `Bucket ${bucket} is in ${location.toUpperCase()} but the job runs in ${region}: use a bucket in ${region} (or a multi-region that includes it), so the job does not read and write across regions.`)];
}

function checkScheduling(file: Obj): SpecProblem[] {
  const scheduling = isRecord(file.scheduling) ? file.scheduling : undefined;
  if (scheduling === undefined) {
    return [];
  }
  const problems: SpecProblem[] = [];
  const timeout = typeof scheduling.timeout === 'string' ? parseFloat(scheduling.timeout) : undefined;
  if (timeout !== undefined && timeout <= 0) {
    problems.push(problem(['scheduling', 'timeout'], 'timeout', 'error', 'timeout must be longer than 0s; leave it out for the default of 7 days.'));
  }
  if (scheduling.maxWaitDuration !== undefined && scheduling.strategy !== 'FLEX_START') {
    problems.push(problem(['scheduling', 'maxWaitDuration'], 'max-wait-duration', 'warning',
      'maxWaitDuration only applies with strategy FLEX_START, which waits for capacity.',
      [{ title: 'Set strategy to FLEX_START', ops: [{ kind: 'set', path: ['scheduling', 'strategy'], value: 'FLEX_START' }] }], 'key'));
  }
  if (scheduling.disableRetries === true && scheduling.restartJobOnWorkerRestart === true) {
    problems.push(problem(['scheduling', 'restartJobOnWorkerRestart'], 'restart-and-no-retries', 'warning',
      'disableRetries is true, which turns restartJobOnWorkerRestart off; keep one of them.', [], 'key'));
  }
  return problems;
}
