import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vertex-ai-training.vertex-ai-training';

const SPEC = `displayName: bench-submit
scheduling: {strategy: SPOT, timeout: 3600s}
workerPoolSpecs:
  - machineSpec: {machineType: g2-standard-8, acceleratorType: NVIDIA_L4, acceleratorCount: 1}
    replicaCount: 1
    containerSpec:
      imageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest
      args: ["--epochs=1"]
`;

// As a person does: the spec is open in an editor for a moment before Submit is clicked.
const READING_MS = 3_000;

/**
 * `submit_ms`: from running "Submit Training Job" on a spec file (its CodeLens or a right-click) to
 * the job created in the emulator, with no build or upload: the launch's first submission.
 */
export async function measureSubmit(): Promise<Record<string, number>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in the bench host.`);
  await extension.activate();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('The bench host has no workspace folder.');
  mkdirSync(join(folder, 'bench'), { recursive: true });
  const file = join(folder, 'bench', 'submit.vertex.yaml');
  writeFileSync(file, SPEC);
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  await new Promise((resolve) => setTimeout(resolve, READING_MS));
  const started = performance.now();
  const name = await vscode.commands.executeCommand<string | undefined>('vertexAI.submitTrainingJob', vscode.Uri.file(file));
  const submitMs = performance.now() - started;
  if (!name) throw new Error('The submission created no job; the extension log says why.');
  return { submit_ms: submitMs };
}
