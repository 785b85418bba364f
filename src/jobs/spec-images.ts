// Container image references: their shape (Docker's reference grammar) and, for Vertex AI's
// prebuilt training images, the docs' table of names, accelerators and end-of-life dates.
import prebuiltData from './data/prebuilt-images.json';
import { closest } from './spec-schema-check';
import type { FixOp, SpecPath, SpecProblem } from './spec-types';

export type ImageAccelerator = 'cpu' | 'gpu' | 'tpu';

export interface PrebuiltImage {
  name: string;
  framework: string;
  version: string;
  python: string;
  accelerators: ImageAccelerator[];
  cuda?: string;
  endOfSupport: string;
  endOfAvailability: string;
}

export interface ImageReference { host?: string; path: string; tag?: string; digest?: string }

const images = prebuiltData.images as PrebuiltImage[];
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(`^(?:((?:localhost|[a-zA-Z0-9.-]+\\.[a-zA-Z0-9.-]+|[a-zA-Z0-9.-]+:[0-9]+)(?::[0-9]+)?)/)?` +
  `(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`);

export function prebuiltImages(): PrebuiltImage[] {
  return images.map((i) => ({ ...i, accelerators: [...i.accelerators] }));
}

/** The image URIs of a prebuilt image, one per regional host, as the docs list them. */
export function prebuiltImageUris(name: string): string[] {
  return prebuiltData.hosts.map((host) => `${host}/${prebuiltData.repository}/${name}:${prebuiltData.tag}`);
}

export function parseImageReference(uri: string): ImageReference | undefined {
  const match = REFERENCE.exec(uri);
  return match ? { host: match[1], path: match[2], tag: match[3], digest: match[4] } : undefined;
}

/** The prebuilt image a reference names, or just its name when it is under vertex-ai/training but unlisted. */
export function prebuiltImageFor(reference: ImageReference): { name: string; image?: PrebuiltImage } | undefined {
  const prefix = `${prebuiltData.repository}/`;
  if (reference.host === undefined || !prebuiltData.hosts.includes(reference.host) || !reference.path.startsWith(prefix)) {
    return undefined;
  }
  const name = reference.path.slice(prefix.length);
  return { name, image: images.find((i) => i.name === name) };
}

export interface ImageCheckOptions {
  /** What the pool's machine offers, to compare with the prebuilt image's accelerators. */
  machine?: ImageAccelerator;
  today?: Date;
}

/** Shape and prebuilt-image rules for one image URI at `path`. */
export function checkImageUri(uri: string, path: SpecPath, options: ImageCheckOptions): SpecProblem[] {
  if (uri.includes('${')) {
    return [];
  }
  const problem = (rule: string, severity: SpecProblem['severity'], message: string, fixes: FixOp[] = []): SpecProblem =>
    ({ path, rule, severity, message, target: 'value', fixes });
  const stripped = uri.replace(/^[a-z]+:\/\//i, '');
  if (stripped !== uri) {
    return [problem('image-uri', 'error', `An image URI has no scheme: write ${stripped}.`,
      [{ title: `Write ${stripped}`, ops: [{ kind: 'set', path, value: stripped }] }])];
  }
  const reference = parseImageReference(uri);
  if (reference === undefined) {
    const lower = uri.toLowerCase();
    const lowerWorks = lower !== uri && parseImageReference(lower) !== undefined;
    return [problem('image-uri', 'error',
      `${uri} is not a container image reference. Write REGISTRY/PROJECT/REPOSITORY/IMAGE:TAG (or @sha256:DIGEST)` +
      (lowerWorks ? '; image paths are lowercase.' : ', for example us-central1-docker.pkg.dev/my-project/training/trainer:v1.'),
      lowerWorks ? [{ title: `Write ${lower}`, ops: [{ kind: 'set', path, value: lower }] }] : [])];
  }
  const problems: SpecProblem[] = [];
  const host = reference.host;
  if (host !== undefined && host !== 'docker.io' && !host.endsWith('-docker.pkg.dev') && !/^([a-z]+\.)?gcr\.io$/.test(host)) {
    problems.push(problem('image-registry', 'warning',
      `Vertex AI pulls training images from Artifact Registry (REGION-docker.pkg.dev) or Docker Hub; ${host} may not be reachable from the job.`));
  }
  const prebuilt = prebuiltImageFor(reference);
  return prebuilt ? [...problems, ...checkPrebuilt(reference, prebuilt, options, path, problem)] : problems;
}

function checkPrebuilt(reference: ImageReference, prebuilt: { name: string; image?: PrebuiltImage },
  options: ImageCheckOptions, path: SpecPath, problem: (rule: string, severity: SpecProblem['severity'], message: string, fixes?: FixOp[]) => SpecProblem): SpecProblem[] {
  const base = `${reference.host}/${reference.path}`;
  const { image } = prebuilt;
  if (image === undefined) {
    const guess = closest(prebuilt.name, images.map((i) => i.name));
    const fixed = guess ? `${reference.host}/${prebuiltData.repository}/${guess}:latest` : undefined;
    return [problem('prebuilt-image-unknown', 'warning',
      `${prebuilt.name} is not in the docs' list of prebuilt training images` + (guess ? `; did you mean ${guess}?` : '; check the name.'),
      fixed ? [{ title: `Use ${guess}`, ops: [{ kind: 'set', path, value: fixed }] }] : [])];
  }
  const problems: SpecProblem[] = [];
  if (reference.digest !== undefined || (reference.tag !== undefined && reference.tag !== 'latest')) {
    problems.push(problem('prebuilt-image-tag', reference.digest ? 'warning' : 'error',
      `Prebuilt training images are only supported with the latest tag: write ${base}:latest.`,
      [{ title: 'Use :latest', ops: [{ kind: 'set', path, value: `${base}:latest` }] }]));
  }
  const today = options.today;
  const successor = today === undefined ? undefined : availableSuccessor(image, today);
  const successorFix = successor === undefined ? [] : [{ title: `Use ${successor.name}`,
    ops: [{ kind: 'set' as const, path, value: `${reference.host}/${prebuiltData.repository}/${successor.name}:latest` }] }];
  const hint = successor !== undefined
    ? `Use ${successor.name}, available until ${successor.endOfAvailability}.`
    : `No ${image.framework} image in this extension's list is newer and still available; see ${prebuiltData.docsUrl} for current ones.`;
  if (today !== undefined && !isAvailable(image, today)) {
    problems.push(problem('prebuilt-image-unavailable', 'warning',
      `${image.name} reached its end of availability on ${image.endOfAvailability}; jobs may no longer be able to pull it. ${hint}`, successorFix));
  } else if (today !== undefined && today >= new Date(`${image.endOfSupport}T00:00:00Z`)) {
    problems.push(problem('prebuilt-image-unsupported', 'info',
      `${image.name} gets no more patches since ${image.endOfSupport} and stops being available on ${image.endOfAvailability}. ${hint}`, successorFix));
  }
  const machine = options.machine;
  if (machine === 'cpu' && image.accelerators.length === 1 && image.accelerators[0] === 'gpu') {
    problems.push(problem('prebuilt-image-accelerator', 'warning',
      `${image.name} is a GPU image, but this worker pool has no GPU: set machineSpec.acceleratorType and acceleratorCount, or use ${image.name.replace('-gpu.', '-cpu.')} if it exists.`));
  } else if (machine !== 'tpu' && image.accelerators.includes('tpu')) {
    problems.push(problem('prebuilt-image-accelerator', 'warning', `${image.name} is a TPU image, but this worker pool has no TPU.`));
  } else if (machine === 'gpu' && !image.accelerators.includes('gpu')) {
    problems.push(problem('prebuilt-image-accelerator', 'warning', `${image.name} does not use GPUs, so this pool's GPUs would sit idle; use a -gpu image.`));
  }
  return problems;
}

/** Whether the docs' table still has the image available on `today`. */
export function isAvailable(image: PrebuiltImage, today: Date): boolean {
  return today < new Date(`${image.endOfAvailability}T00:00:00Z`);
}

/**
 * The listed image that replaces this one and is still available: same framework and accelerators,
 * no older version, available longer; the same image family (pytorch-xla, pytorch-gpu, ...) first.
 */
export function availableSuccessor(image: PrebuiltImage, today: Date): PrebuiltImage | undefined {
  const family = (i: PrebuiltImage): string => i.name.split('.')[0];
  return images
    .filter((i) => i.framework === image.framework && i.accelerators.join() === image.accelerators.join()
      && compareVersions(i.version, image.version) >= 0 && i.endOfAvailability > image.endOfAvailability && isAvailable(i, today))
    .sort((a, b) => Number(family(b) === family(image)) - Number(family(a) === family(image))
      || b.endOfAvailability.localeCompare(a.endOfAvailability))[0];
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  const i = x.findIndex((n, k) => n !== (y[k] ?? 0));
  return i === -1 ? x.length - y.length : x[i] - (y[i] ?? 0);
}
