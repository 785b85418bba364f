import { prebuiltImageUris, prebuiltImages } from '../jobs/spec-images';
import type { PrebuiltImage } from '../jobs/spec-images';
import { JAX_TASK_PY } from './python/jax-task-py';
import { PYTORCH_TASK_PY } from './python/pytorch-task-py';
import { SKLEARN_TASK_PY } from './python/sklearn-task-py';
import { TENSORFLOW_TASK_PY } from './python/tensorflow-task-py';

export type TemplateId = 'pytorch-gpu' | 'tensorflow-gpu' | 'jax-tpu' | 'cpu-quickstart';
export type Packaging = 'python-package' | 'custom-container';
export type Hardware = 'gpu' | 'tpu' | 'cpu';
/** A kind of prebuilt training image; the newest one listed in src/jobs/data/prebuilt-images.json is used. */
export interface ImageKind {
  framework: 'pytorch' | 'tensorflow' | 'scikit-learn';
  accelerator: 'cpu' | 'gpu';
}

export interface ProjectTemplate {
  id: TemplateId;
  label: string;
  description: string;
  /** The hardware the template is written for; its spec file comes first in the README. */
  primary: Hardware;
  /** Spec files to generate, one per hardware, each with the kind of image that hardware runs. */
  images: Partial<Record<Hardware, ImageKind>>;
  requirements: string[];
  /** What a local run needs that the prebuilt image already has. */
  localInstall: string;
  taskPy: string;
  /** What to change for hardware the template is not written for. */
  hardwareNotes: Partial<Record<Hardware, string>>;
  /** Whether the code trains across replicas, so the spec shows how to add worker pool 1. */
  multiReplica: boolean;
}

export const TEMPLATES: readonly ProjectTemplate[] = [
  {
    id: 'pytorch-gpu',
    label: 'PyTorch on GPU',
    description: 'A PyTorch classifier on one NVIDIA L4, ready for DistributedDataParallel across replicas.',
    primary: 'gpu',
    images: { gpu: { framework: 'pytorch', accelerator: 'gpu' }, tpu: { framework: 'pytorch', accelerator: 'cpu' } },
    requirements: ['cloudml-hypertune'],
    localInstall: 'pip install torch',
    taskPy: PYTORCH_TASK_PY,
    hardwareNotes: {
      tpu: 'TPU v5e has no prebuilt PyTorch image: add torch_xla[tpu] to requirements.txt and move the model to the XLA device.',
    },
    multiReplica: true,
  },
  {
    id: 'tensorflow-gpu',
    label: 'TensorFlow / Keras on GPU',
    description: 'A Keras classifier under MultiWorkerMirroredStrategy, driven by TF_CONFIG.',
    primary: 'gpu',
    images: { gpu: { framework: 'tensorflow', accelerator: 'gpu' }, tpu: { framework: 'tensorflow', accelerator: 'cpu' } },
    requirements: ['cloudml-hypertune'],
    localInstall: 'pip install tensorflow',
    taskPy: TENSORFLOW_TASK_PY,
    hardwareNotes: {
      tpu: 'TPU v5e has no prebuilt TensorFlow image: install the TPU build of TensorFlow with libtpu and use TPUStrategy.',
    },
    multiReplica: true,
  },
  {
    id: 'jax-tpu',
    label: 'JAX on TPU',
    description: 'A JAX classifier trained data-parallel over the chips of a TPU v5e slice.',
    primary: 'tpu',
    // No prebuilt JAX images exist: a plain Python 3.10 image, with JAX from requirements.txt.
    images: { tpu: { framework: 'scikit-learn', accelerator: 'cpu' }, gpu: { framework: 'scikit-learn', accelerator: 'gpu' } },
    requirements: ['jax[tpu]', 'cloudml-hypertune'],
    localInstall: 'pip install jax numpy',
    taskPy: JAX_TASK_PY,
    hardwareNotes: {
      gpu: 'For GPUs, replace jax[tpu] with jax[cuda12] in requirements.txt.',
    },
    multiReplica: false,
  },
  {
    id: 'cpu-quickstart',
    label: 'CPU quickstart (scikit-learn)',
    description: 'A small scikit-learn job on one CPU machine: the quickest way to try a Vertex AI job.',
    primary: 'cpu',
    images: {
      cpu: { framework: 'scikit-learn', accelerator: 'cpu' },
      gpu: { framework: 'scikit-learn', accelerator: 'gpu' },
      tpu: { framework: 'scikit-learn', accelerator: 'cpu' },
    },
    requirements: ['scikit-learn', 'joblib', 'cloudml-hypertune'],
    localInstall: 'pip install scikit-learn joblib',
    taskPy: SKLEARN_TASK_PY,
    hardwareNotes: {
      gpu: 'scikit-learn trains on the CPU; the GPU spec is there to start from when you switch frameworks.',
      tpu: 'scikit-learn trains on the CPU; the TPU spec is there to start from when you switch frameworks.',
    },
    multiReplica: false,
  },
];

export function templateById(id: string): ProjectTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}

/** The highest framework version of that kind, among images for that accelerator alone. */
export function newestPrebuiltImage(kind: ImageKind): PrebuiltImage {
  const candidates = prebuiltImages().filter((i) => i.framework === kind.framework &&
    i.accelerators.length === 1 && i.accelerators[0] === kind.accelerator);
  const newest = candidates.sort((a, b) => compareVersions(b.version, a.version) || b.endOfAvailability.localeCompare(a.endOfAvailability))[0];
  if (newest === undefined) throw new Error(`No prebuilt ${kind.framework} ${kind.accelerator} image is listed.`);
  return newest;
}

/** The prebuilt image's URI on the docs' host nearest the job's region (us, europe or asia). */
export function prebuiltImageUri(image: PrebuiltImage, region: string): string {
  const area = region.startsWith('europe-') ? 'europe' : region.startsWith('asia-') || region.startsWith('australia-') ? 'asia' : 'us';
  const uris = prebuiltImageUris(image.name);
  return uris.find((uri) => uri.startsWith(`${area}-`)) ?? uris[0];
}

/** Hardware in spec-file order: the template's own first. */
export function hardwareOrder(template: ProjectTemplate): Hardware[] {
  const all: Hardware[] = ['gpu', 'tpu', 'cpu'];
  return [template.primary, ...all.filter((h) => h !== template.primary && template.images[h])];
}
