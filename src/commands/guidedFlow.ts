import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../cloud/connection';
import { prebuiltImages } from '../jobs/spec-images';
import { readGitFacts } from './gitFacts';
import { hardwareKind, inputArgs, inputPackageUri, pickContainer, pickEntryPoint, pickHardware, pickRegion, pickRepository, registryImages } from './guidedPrompts';
import type { ContainerIntent } from './guidedPrompts';
import { freeSpecFileName, HARDWARE_PRESETS, jobNameFor, renderGuidedSpec, splitArgs } from './guidedSpec';
import type { ContainerChoice, MachineSpecChoice } from './guidedSpec';
import type { UserInput } from './userInput';

/** Answers given as arguments; each one missing is asked for. */
export interface GuidedChoices {
  /** A preset id (cpu, t4, l4, a100, h100x8, v5e-2x2, v5e-2x4, v3-8) or a machine spec. */
  hardware?: string | MachineSpecChoice;
  container?:
    | { kind: 'prebuilt'; image: string; packageUri?: string }
    | { kind: 'registry'; imageUri: string }
    | { kind: 'dockerfile'; dockerfile?: string; imageUri?: string };
  /** The .py file to run, relative to the folder; null runs the image's own entry point. */
  entryPoint?: string | null;
  args?: string[] | string;
  region?: string;
}

export interface GuidedDeps {
  ui: UserInput;
  connection: Connection;
  submit(spec: vscode.Uri): Promise<string | undefined>;
}

const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'venv', '.venv', 'env', 'build', 'dist']);
const PREFERRED = ['train.py', 'task.py', 'main.py', 'trainer/task.py'];

/** The .py files of a folder and of its direct subfolders, likely entry points first. */
export function pythonFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (sub: string, depth: number): void => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      if (name.startsWith('.')) continue;
      const relativePath = sub ? `${sub}/${name}` : name;
      const isDir = statSync(join(dir, relativePath), { throwIfNoEntry: false })?.isDirectory() === true;
      if (isDir && depth === 0 && !SKIPPED_DIRS.has(name)) visit(relativePath, 1);
      else if (!isDir && name.endsWith('.py') && name !== '__init__.py' && name !== 'setup.py') found.push(relativePath);
    }
  };
  visit('', 0);
  const rank = (f: string): number => (PREFERRED.includes(f) ? PREFERRED.indexOf(f) : PREFERRED.length);
  return found.sort((a, b) => rank(a) - rank(b) || a.split('/').length - b.split('/').length || a.localeCompare(b));
}

function dockerfilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => /^Dockerfile(\..+)?$|\.Dockerfile$/.test(name)).sort();
}

function hardwareFrom(choice: string | MachineSpecChoice): MachineSpecChoice {
  if (typeof choice !== 'string') return choice;
  const preset = HARDWARE_PRESETS.find((p) => p.id === choice);
  if (!preset) throw new Error(vscode.l10n.t('Unknown hardware preset "{0}"; use one of {1}.', choice, HARDWARE_PRESETS.map((p) => p.id).join(', ')));
  return preset.machineSpec;
}

function intentFrom(choice: NonNullable<GuidedChoices['container']>): ContainerIntent {
  if (choice.kind === 'registry') return choice;
  if (choice.kind === 'dockerfile') return { kind: 'dockerfile', dockerfile: choice.dockerfile ?? 'Dockerfile' };
  const image = prebuiltImages().find((i) => i.name === choice.image || choice.image.includes(`/${i.name}:`));
  if (!image) throw new Error(vscode.l10n.t('"{0}" is not a listed prebuilt training image.', choice.image));
  return { kind: 'prebuilt', image };
}

/**
 * Asks what is missing (hardware, container, entry point, arguments, region), writes
 * `NAME.vertex.yaml` beside the code and submits it. Returns the job's name, or undefined when the
 * submission stopped (its reason is shown).
 */
export async function runGuidedSubmit(deps: GuidedDeps, target: vscode.Uri, choices: GuidedChoices): Promise<string | undefined> {
  const { ui, connection } = deps;
  const isFolder = statSync(target.fsPath).isDirectory();
  if (!isFolder && !target.fsPath.endsWith('.py')) throw new Error(vscode.l10n.t('Pick a folder or a Python file to submit.'));
  const dir = isFolder ? target.fsPath : dirname(target.fsPath);
  const name = jobNameFor(target.fsPath);

  const machineSpec = choices.hardware !== undefined ? hardwareFrom(choices.hardware) : await pickHardware(ui);
  const intent = choices.container !== undefined ? intentFrom(choices.container)
    : await pickContainer(ui, hardwareKind(machineSpec), dockerfilesIn(dir), () => registryImages(connection, connection.region));
  const files = isFolder ? pythonFiles(dir) : [basename(target.fsPath)];
  const entryPoint = choices.entryPoint !== undefined ? (choices.entryPoint ?? undefined)
    : !isFolder ? files[0] : await pickEntryPoint(ui, files, intent.kind === 'prebuilt');
  const argsLine = choices.args ?? await inputArgs(ui);
  const args = Array.isArray(argsLine) ? argsLine : splitArgs(argsLine);
  const region = choices.region ?? await pickRegion(ui, machineSpec, connection.region);

  let container: ContainerChoice;
  if (intent.kind === 'prebuilt') {
    const given = choices.container?.kind === 'prebuilt' ? choices.container.packageUri : undefined;
    const packageUri = given ?? await inputPackageUri(ui, `gs://${connection.project}-vertex-staging/${name}/${name}-0.1.0.tar.gz`);
    container = { kind: 'prebuilt', image: intent.image.name, packageUri };
  } else if (intent.kind === 'dockerfile') {
    const given = choices.container?.kind === 'dockerfile' ? choices.container.imageUri : undefined;
    container = { kind: 'dockerfile', dockerfile: intent.dockerfile, imageUri: given ?? await builtImageUri(deps, dir, name, region) };
  } else {
    container = intent;
  }

  const text = renderGuidedSpec({
    displayName: name, region, machineSpec, container, args,
    ...(entryPoint !== undefined && { entryPoint }),
    ...(intent.kind === 'prebuilt' && { prebuilt: intent.image }),
  });
  const spec = vscode.Uri.file(join(dir, freeSpecFileName(name, (file) => existsSync(join(dir, file)))));
  await writeFile(spec.fsPath, text, { flag: 'wx' });
  await vscode.window.showTextDocument(spec, { preview: false, preserveFocus: true });
  return deps.submit(spec);
}

/** Where the Dockerfile's image is pushed: a repository of the region, tagged with the commit. */
async function builtImageUri(deps: GuidedDeps, dir: string, name: string, region: string): Promise<string> {
  const registry = (await pickRepository(deps.ui, deps.connection, region)).replace(/\/+$/, '');
  const { sha } = await readGitFacts(dir);
  return `${registry}/${name}:${sha !== undefined ? '${git.sha}' : 'latest'}`;
}
