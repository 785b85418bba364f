import { HARDWARE_MACHINES, PROJECT_VERSION, specFileName } from './job-specs';
import { hardwareOrder, newestPrebuiltImage, prebuiltImageUri } from './templates';
import type { Packaging, ProjectTemplate } from './templates';

export function requirementsTxt(template: ProjectTemplate): string {
  return [
    '# Installed on top of the base image: when the job starts (Python package) or at build time (Dockerfile).',
    ...template.requirements,
    '',
  ].join('\n');
}

export const VERTEXIGNORE = [
  '# Left out of the Python package and the container build context.',
  '# Same syntax as .dockerignore; .git, .env, *.pem and credential files are never sent anyway.',
  '**/__pycache__',
  '**/*.pyc',
  '.venv',
  'venv',
  'outputs',
  '.ipynb_checkpoints',
  '',
].join('\n');

export const DOCKERIGNORE = [
  '# Keeps the build context small: only the Dockerfile, requirements.txt and trainer/ are needed.',
  '**/__pycache__',
  '**/*.pyc',
  '.venv',
  'venv',
  'outputs',
  '*.vertex.yaml',
  'README.md',
  '',
].join('\n');

export function pyprojectToml(name: string, template: ProjectTemplate): string {
  return [
    '[build-system]',
    'requires = ["setuptools>=62.6"]',
    'build-backend = "setuptools.build_meta"',
    '',
    '[project]',
    `name = "${name}"`,
    `version = "${PROJECT_VERSION}"`,
    `description = "${template.label} training code for Vertex AI"`,
    'requires-python = ">=3.10"',
    'dynamic = ["dependencies"]',
    '',
    '[tool.setuptools]',
    'packages = ["trainer"]',
    '',
    '[tool.setuptools.dynamic]',
    'dependencies = { file = ["requirements.txt"] }',
    '',
  ].join('\n');
}

export function dockerfile(template: ProjectTemplate, region: string): string {
  const kind = template.images[template.primary];
  if (kind === undefined) throw new Error(`The ${template.id} template has no image for ${template.primary}.`);
  return [
    '# The base image is a build argument: each spec file passes the prebuilt image for its hardware.',
    `ARG BASE_IMAGE=${prebuiltImageUri(newestPrebuiltImage(kind), region)}`,
    'FROM ${BASE_IMAGE}',
    '',
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN if grep -qvE \'^[[:space:]]*(#|$)\' requirements.txt; then python -m pip install --no-cache-dir -r requirements.txt; fi',
    'COPY trainer ./trainer',
    '',
    'ENTRYPOINT ["python", "-m", "trainer.task"]',
    '',
  ].join('\n');
}

export function readme(name: string, template: ProjectTemplate, packaging: Packaging, region: string, bucket: string, project: string): string {
  const specs = hardwareOrder(template).map((hardware) => {
    const kind = template.images[hardware];
    const image = kind ? newestPrebuiltImage(kind) : undefined;
    const note = template.hardwareNotes[hardware];
    return `- \`${specFileName(hardware)}\`: ${HARDWARE_MACHINES[hardware].summary}` +
      (image ? `, on \`${prebuiltImageUri(image, region)}\` (available until ${image.endOfAvailability} per the docs)` : '') +
      '.' + (note ? ` ${note}` : '');
  });
  const packagingText = packaging === 'python-package'
    ? [
      'The job runs on a prebuilt Vertex AI image. The extension packages `trainer/` as a Python',
      'source distribution (no Docker needed), uploads it to the `local.pythonPackage.packageUri` in the',
      'spec, and runs `python -m trainer.task` there. `requirements.txt` lists what is installed on top.',
    ]
    : [
      'The job runs your own container: `Dockerfile` starts from the prebuilt image (the `BASE_IMAGE`',
      'build argument, set per spec under `local.build.buildArgs`), installs `requirements.txt` and copies',
      '`trainer/`. The extension builds it with Docker or Cloud Build and pushes it to `local.build.image`.',
    ];
  return [
    `# ${name}`,
    '',
    `${template.description}`,
    '',
    '## Files',
    '- `trainer/task.py`: the training code. Hyperparameters are command-line arguments',
    '  (`python -m trainer.task --help`). It saves the model to `AIP_MODEL_DIR` and reports',
    '  `accuracy` for hyperparameter tuning.',
    '- `trainer/environment.py`: reads `AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR`, `AIP_TENSORBOARD_LOG_DIR`',
    '  and `CLUSTER_SPEC`, and maps `gs://` paths to `/gcs/` (Cloud Storage FUSE).',
    ...specs,
    '- `.vertexignore`: what is never uploaded (same syntax as `.dockerignore`).',
    '',
    '## How it runs',
    ...packagingText,
    '',
    '## Try it',
    `1. Run it locally once: \`${template.localInstall}\`, then \`python -m trainer.task --help\` and`,
    '   `python -m trainer.task`. Outputs go to `./outputs`.',
    `2. In the spec files, replace \`${bucket}\` with a Cloud Storage bucket in \`${region}\` and`,
    `   \`${project}\` with your project.`,
    '3. Right-click a `*.vertex.yaml` and choose "Submit Training Job". The job\'s logs stream into',
    '   an output channel, and the model lands under `baseOutputDirectory`/model.',
    '',
  ].join('\n');
}
