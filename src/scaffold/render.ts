import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderJobSpec, specFileName } from './job-specs';
import { DOCKERIGNORE, VERTEXIGNORE, dockerfile, pyprojectToml, readme, requirementsTxt } from './project-files';
import { ENVIRONMENT_PY } from './python/environment-py';
import { hardwareOrder, templateById } from './templates';
import type { Packaging, TemplateId } from './templates';

export interface ScaffoldOptions {
  template: TemplateId;
  packaging: Packaging;
  /** Project name: lower case letters, digits and dashes; used for the job, package and image names. */
  name: string;
  /** Default us-central1. */
  region?: string;
  /** Placeholders the user replaces unless known up front. */
  bucket?: string;
  project?: string;
}

export interface ScaffoldFile {
  path: string;
  content: string;
}

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

const PROJECT_NAME = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;

/** The files of a new training project, in a fixed order. Pure: nothing is written. */
export function renderProject(options: ScaffoldOptions): ScaffoldFile[] {
  const template = templateById(options.template);
  if (!template) throw new ScaffoldError(`Unknown template "${options.template}".`);
  const { name, packaging } = options;
  if (!PROJECT_NAME.test(name)) {
    throw new ScaffoldError(`"${name}" cannot name a project: use 2 to 40 lower-case letters, digits and dashes, starting with a letter (it becomes the job, package and image name).`);
  }
  const region = options.region ?? 'us-central1';
  if (!REGION.test(region)) throw new ScaffoldError(`"${region}" is not a region name such as us-central1.`);
  const bucket = options.bucket ?? 'your-bucket';
  const project = options.project ?? 'your-project';
  const files: ScaffoldFile[] = [
    { path: 'trainer/__init__.py', content: '' },
    { path: 'trainer/environment.py', content: ENVIRONMENT_PY },
    { path: 'trainer/task.py', content: template.taskPy },
    { path: 'requirements.txt', content: requirementsTxt(template) },
    { path: '.vertexignore', content: VERTEXIGNORE },
    ...(packaging === 'python-package'
      ? [{ path: 'pyproject.toml', content: pyprojectToml(name, template) }]
      : [{ path: 'Dockerfile', content: dockerfile(template, region) }, { path: '.dockerignore', content: DOCKERIGNORE }]),
    ...hardwareOrder(template).map((hardware) => ({
      path: specFileName(hardware),
      content: renderJobSpec({ template, packaging, hardware, name, region, bucket, project, primary: hardware === template.primary }),
    })),
    { path: 'README.md', content: readme(name, template, packaging, region, bucket, project) },
  ];
  return files;
}

/** Writes the files under `folder`, refusing to overwrite anything that is already there. */
export async function writeProject(
  folder: string,
  files: readonly ScaffoldFile[],
  onFile?: (path: string, done: number, total: number) => void,
): Promise<string[]> {
  const existing: string[] = [];
  for (const file of files) {
    if (await lstat(join(folder, file.path)).then(() => true, () => false)) existing.push(file.path);
  }
  if (existing.length > 0) {
    throw new ScaffoldError(`${folder} already has ${existing.join(', ')}. Choose an empty folder, or move these files away first.`);
  }
  const written: string[] = [];
  for (const file of files) {
    const target = join(folder, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
    written.push(target);
    onFile?.(file.path, written.length, files.length);
  }
  return written;
}
