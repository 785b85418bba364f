// Rules for the local-only sections (`local.build`, `local.pythonPackage`): what they point at
// exists, and the image or package they produce is what a worker pool runs.
import { isAbsolute, join } from 'node:path';
import { isRecord, readString } from './proto-json-values';
import { checkImageUri } from './spec-images';
import { checkBucketRegion, parseGcsUri } from './spec-rules-shape';
import type { FixOp, SpecPath, SpecProblem, ValidationContext } from './spec-types';

type Obj = Record<string, unknown>;

function usable(value: unknown): string | undefined {
  const text = readString(value);
  return text !== undefined && !text.includes('${') ? text : undefined;
}

export function checkLocal(file: Obj, region: string | undefined, context: ValidationContext): SpecProblem[] {
  const local = isRecord(file.local) ? file.local : undefined;
  if (local === undefined) {
    return [];
  }
  const pools = (Array.isArray(file.workerPoolSpecs) ? file.workerPoolSpecs : []).map((p) => (isRecord(p) ? p : {}));
  return [
    ...(isRecord(local.build) ? checkBuild(local.build, pools, context) : []),
    ...(isRecord(local.pythonPackage) ? checkPackage(local.pythonPackage, pools, region, context) : []),
  ];
}

function resolvePath(path: string, context: ValidationContext, base?: string): string | undefined {
  const root = base ?? context.files?.specDir;
  return root === undefined ? undefined : isAbsolute(path) ? path : join(root, path);
}

function missing(path: SpecPath, what: string, resolved: string): SpecProblem {
  return { path, rule: 'local-path-missing', severity: 'error', target: 'value', fixes: [],
    message: `${what} ${resolved} does not exist; paths here are relative to this spec file's folder.` };
}

function checkBuild(build: Obj, pools: Obj[], context: ValidationContext): SpecProblem[] {
  const at: SpecPath = ['local', 'build'];
  const problems: SpecProblem[] = [];
  const image = usable(build.image);
  if (image !== undefined) {
    problems.push(...checkImageUri(image, [...at, 'image'], {}));
    const users = pools.filter((p) => isRecord(p.containerSpec) && p.containerSpec.imageUri === image);
    if (users.length === 0) {
      const containers = pools.map((p, i) => [p, i] as const).filter(([p]) => isRecord(p.containerSpec));
      const fixes: FixOp[] = containers.length === 1
        ? [{ title: `Run ${image} in worker pool ${containers[0][1]}`, ops: [{ kind: 'set', path: ['workerPoolSpecs', containers[0][1], 'containerSpec', 'imageUri'], value: image }] }]
        : [];
      problems.push({ path: [...at, 'image'], rule: 'local-build-unused', severity: 'warning', target: 'value', fixes,
        message: `No worker pool runs ${image}: set a pool's containerSpec.imageUri to it, or the built image goes unused.` });
    }
  }
  const contextDir = resolvePath(usable(build.context) ?? '.', context);
  if (contextDir !== undefined && context.files !== undefined) {
    if (!context.files.exists(contextDir)) {
      problems.push(missing([...at, 'context'], 'The build context', contextDir));
    } else {
      const dockerfile = resolvePath(usable(build.dockerfile) ?? 'Dockerfile', context, contextDir) as string;
      if (!context.files.exists(dockerfile)) {
        problems.push(missing(build.dockerfile === undefined ? at : [...at, 'dockerfile'], 'The Dockerfile', dockerfile));
      }
    }
  }
  return problems;
}

function checkPackage(spec: Obj, pools: Obj[], region: string | undefined, context: ValidationContext): SpecProblem[] {
  const at: SpecPath = ['local', 'pythonPackage'];
  const problems: SpecProblem[] = [];
  const uri = usable(spec.packageUri);
  if (uri !== undefined) {
    if (parseGcsUri(uri)?.object) {
      if (!/\.(tar\.gz|whl)$/.test(uri)) {
        problems.push({ path: [...at, 'packageUri'], rule: 'local-package-uri', severity: 'warning', target: 'value', fixes: [],
          message: 'The package is built as a source distribution: end packageUri with .tar.gz.' });
      }
      problems.push(...checkBucketRegion(uri, [...at, 'packageUri'], region, context));
    } else {
      problems.push({ path: [...at, 'packageUri'], rule: 'local-package-uri', severity: 'error', target: 'value', fixes: [],
        message: `packageUri is where the package is uploaded: gs://BUCKET/PATH/trainer.tar.gz, not ${uri}.` });
    }
    const python = pools.map((p, i) => [p, i] as const).filter(([p]) => isRecord(p.pythonPackageSpec));
    const used = python.some(([p]) => Array.isArray((p.pythonPackageSpec as Obj).packageUris) && ((p.pythonPackageSpec as Obj).packageUris as unknown[]).includes(uri));
    if (!used) {
      const [only] = python.length === 1 ? python : [];
      const current = only && Array.isArray((only[0].pythonPackageSpec as Obj).packageUris) ? (only[0].pythonPackageSpec as Obj).packageUris as unknown[] : [];
      problems.push({ path: [...at, 'packageUri'], rule: 'local-package-unused', severity: 'warning', target: 'value',
        message: `No worker pool lists ${uri} in pythonPackageSpec.packageUris, so the uploaded package goes unused.`,
        fixes: only ? [{ title: `Add it to worker pool ${only[1]}`, ops: [{ kind: 'set', path: ['workerPoolSpecs', only[1], 'pythonPackageSpec', 'packageUris'], value: [...current, uri] }] }] : [] });
    }
  }
  const folder = usable(spec.path);
  const resolved = folder === undefined ? undefined : resolvePath(folder, context);
  if (resolved !== undefined && context.files !== undefined) {
    if (!context.files.exists(resolved)) {
      problems.push(missing([...at, 'path'], 'The package folder', resolved));
    } else if (!['setup.py', 'pyproject.toml', 'setup.cfg'].some((f) => context.files?.exists(join(resolved, f)))) {
      problems.push({ path: [...at, 'path'], rule: 'local-package-setup', severity: 'error', target: 'value', fixes: [],
        message: `${resolved} has no setup.py or pyproject.toml, so it cannot be built into a package.` });
    }
  }
  return problems;
}
