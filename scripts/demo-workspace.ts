import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newestPrebuiltImage, prebuiltImageUri } from '../src/scaffold/templates';
import { DEMO_PROJECT, DEMO_REGION } from '../test/emulator/seed/demo';
import { DEMO_STAGING_BUCKET } from '../test/emulator/storage/seed';

export const DEMO_SPEC_FILE = 'train.vertex.yaml';

const TRAIN_PY = [
  'from sklearn.datasets import load_digits',
  'from sklearn.linear_model import LogisticRegression',
  'from sklearn.model_selection import train_test_split',
  'x_train, x_test, y_train, y_test = train_test_split(*load_digits(return_X_y=True), random_state=0)',
  'model = LogisticRegression(max_iter=2000).fit(x_train, y_train)',
  'print(f"accuracy={model.score(x_test, y_test):.4f}")',
];

/** A spec that runs as is: the training code is inline, so there is nothing to build or upload. */
export function demoSpecText(): string {
  const image = prebuiltImageUri(newestPrebuiltImage({ framework: 'scikit-learn', accelerator: 'cpu' }), DEMO_REGION);
  return [
    '# CPU quickstart: a small scikit-learn job on one n1-standard-4 machine. The training code is',
    '# inline below, so there is nothing to build or upload: right-click this file and choose',
    '# "Vertex AI: Submit Training Job", then follow it in the Training Jobs view.',
    `# gs://${DEMO_STAGING_BUCKET} is the staging bucket of the demo emulator's ${DEMO_PROJECT}; when`,
    '# working against Google Cloud (npm start -- --no-emulator), use a bucket of yours instead.',
    'displayName: demo-quickstart-cpu',
    `region: ${DEMO_REGION}`,
    'labels:',
    '  team: demo',
    'workerPoolSpecs:',
    '  - machineSpec:',
    '      machineType: n1-standard-4',
    '    replicaCount: 1',
    '    containerSpec:',
    `      imageUri: ${image}`,
    '      command: [python3, -c]',
    '      args:',
    '        - |',
    ...TRAIN_PY.map((line) => `          ${line}`),
    'baseOutputDirectory:',
    `  outputUriPrefix: gs://${DEMO_STAGING_BUCKET}/demo-quickstart/output`,
    '',
  ].join('\n');
}

const README = '# Vertex AI Training demo\n\nOpen the Vertex AI view in the activity bar. Unless started with `--no-emulator`, the extension talks to a local, seeded Vertex AI emulator (project `demo-project`, region `us-central1`), so nothing here reaches Google Cloud.\n\n`train.vertex.yaml` is a small CPU job to open, validate and submit.\n';

/** Creates the demo folder's files that are missing; files a person already has stay as they are. */
export async function seedDemoWorkspace(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of [['README.md', README], [DEMO_SPEC_FILE, demoSpecText()]] as const) {
    const file = join(dir, name);
    if (!existsSync(file)) await writeFile(file, content);
  }
}
