import { distributionFileName } from '../jobs/python-metadata';
import { newestPrebuiltImage, prebuiltImageUri } from './templates';
import type { Hardware, Packaging, ProjectTemplate } from './templates';

/** The machines each generated spec asks for: small, commonly available ones. */
export const HARDWARE_MACHINES: Record<Hardware, { summary: string; machineSpec: string[] }> = {
  gpu: {
    summary: '1 NVIDIA L4 GPU on g2-standard-8',
    machineSpec: ['machineType: g2-standard-8', 'acceleratorType: NVIDIA_L4', 'acceleratorCount: 1'],
  },
  tpu: {
    summary: 'a TPU v5e slice of 4 chips (ct5lp-hightpu-4t, topology 2x2)',
    machineSpec: ['machineType: ct5lp-hightpu-4t', 'tpuTopology: 2x2'],
  },
  cpu: {
    summary: 'one n1-standard-4 CPU machine',
    machineSpec: ['machineType: n1-standard-4'],
  },
};

export interface SpecInputs {
  template: ProjectTemplate;
  packaging: Packaging;
  hardware: Hardware;
  name: string;
  region: string;
  bucket: string;
  project: string;
  /** Whether this is the template's own hardware: only that spec carries the tuning example. */
  primary: boolean;
}

export function specFileName(hardware: Hardware): string {
  return `${hardware}.vertex.yaml`;
}

/** The sdist file name the Python package upload uses (PEP 625 spelling of the project name). */
function packageFileName(name: string, version: string): string {
  return `${distributionFileName(name)}-${version}.tar.gz`;
}

export const PROJECT_VERSION = '0.1.0';

function tuningExample(template: ProjectTemplate): string[] {
  const parameter = template.id === 'cpu-quickstart'
    ? ['#       - parameterId: c', '#         doubleValueSpec: {minValue: 0.01, maxValue: 10}', '#         scaleType: UNIT_LOG_SCALE']
    : ['#       - parameterId: learning-rate', '#         doubleValueSpec: {minValue: 0.0001, maxValue: 0.1}', '#         scaleType: UNIT_LOG_SCALE'];
  return [
    '# To tune hyperparameters, uncomment this block. Each trial gets the values as --NAME=VALUE',
    '# arguments, and trainer/task.py reports "accuracy" through cloudml-hypertune.',
    '# hyperparameterTuning:',
    '#   studySpec:',
    '#     metrics:',
    '#       - metricId: accuracy',
    '#         goal: MAXIMIZE',
    '#     parameters:',
    ...parameter,
    '#   maxTrialCount: 8',
    '#   parallelTrialCount: 2',
  ];
}

/**
 * A `*.vertex.yaml`: a CustomJobSpec as gcloud's --config reads it, plus displayName, region and
 * local-only sections. Strings YAML 1.1 would read as something else (".") are quoted.
 */
export function renderJobSpec(inputs: SpecInputs): string {
  const { template, packaging, hardware, name, region, bucket, project } = inputs;
  const kind = template.images[hardware];
  if (kind === undefined) throw new Error(`The ${template.id} template has no image for ${hardware}.`);
  const baseImage = prebuiltImageUri(newestPrebuiltImage(kind), region);
  const machine = HARDWARE_MACHINES[hardware];
  const args = template.id === 'cpu-quickstart' ? ['"--c=1.0"'] : ['"--epochs=5"'];
  const packageUri = `gs://${bucket}/${name}/packages/${packageFileName(name, PROJECT_VERSION)}`;
  // One image per hardware: the base image differs, so the builds must not share a name.
  const imageUri = `${region}-docker.pkg.dev/${project}/training/${name}-${hardware}:latest`;

  const local = packaging === 'python-package'
    ? ['local:', '  pythonPackage:', '    path: "."', `    packageUri: ${packageUri}`]
    : ['local:', '  build:', `    image: ${imageUri}`, '    context: "."', '    dockerfile: Dockerfile', '    buildArgs:', `      BASE_IMAGE: ${baseImage}`];
  const runs = packaging === 'python-package'
    ? ['    pythonPackageSpec:', `      executorImageUri: ${baseImage}`, '      packageUris:', `        - ${packageUri}`,
      '      pythonModule: trainer.task', '      args:', ...args.map((a) => `        - ${a}`)]
    : ['    containerSpec:', `      imageUri: ${imageUri}`, '      args:', ...args.map((a) => `        - ${a}`)];
  const pool = [
    '  - machineSpec:',
    ...machine.machineSpec.map((line) => `      ${line}`),
    '    replicaCount: 1',
    '    diskSpec:',
    '      bootDiskType: pd-ssd',
    '      bootDiskSizeGb: 100',
    ...runs,
  ];
  const workers = template.multiReplica && hardware === 'gpu'
    ? ['  # To train on more replicas, add worker pool 1: a copy of the pool above whose replicaCount',
      '  # is the number of extra replicas. trainer/task.py picks them up from CLUSTER_SPEC / TF_CONFIG.']
    : [];
  const note = template.hardwareNotes[hardware];
  return [
    `# ${template.label}: ${name} on ${machine.summary}.`,
    '# Submit with "Vertex AI: Submit Training Job". Staging bucket and project are the ones in use',
    `# when this file was generated (placeholders if there were none): ${bucket} and ${project}.`,
    '# Change them here if needed.',
    ...(note ? [`# Note: ${note}`] : []),
    `displayName: ${name}-${hardware}`,
    `region: ${region}`,
    ...local,
    'workerPoolSpecs:',
    ...pool,
    ...workers,
    'baseOutputDirectory:',
    `  outputUriPrefix: gs://${bucket}/${name}/output`,
    ...(inputs.primary ? tuningExample(template) : []),
    '',
  ].join('\n');
}
