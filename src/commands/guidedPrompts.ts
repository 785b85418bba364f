// The guided flow's questions, each a searchable quick pick (or an input box) through UserInput.
import * as vscode from 'vscode';
import { listDockerImages, listDockerRepositories, taggedUri } from '../cloud/artifactRegistry';
import type { DockerRepository } from '../cloud/artifactRegistry';
import type { Connection } from '../cloud/connection';
import {
  acceleratorInfo, acceleratorsForMachine, allowedCounts, knownMachineTypes, knownRegions, machineInfo, offerDisplayName, regionKey, tpuTopologies,
} from '../jobs/hardware-catalog';
import { isAvailable, prebuiltImages } from '../jobs/spec-images';
import type { PrebuiltImage } from '../jobs/spec-images';
import { HARDWARE_PRESETS } from './guidedSpec';
import type { HardwarePreset, MachineSpecChoice } from './guidedSpec';
import type { PickItem, UserInput } from './userInput';

// Picks answer `undefined` for "cancelled", so "none" choices need a value of their own.
const OWN_ENTRY_POINT = '';
const NO_ACCELERATOR = '';

export function cancelled(): never {
  throw new vscode.CancellationError();
}

async function pick<T>(ui: UserInput, items: PickItem<T>[], title: string, placeholder?: string, freeText?: (text: string) => T | undefined): Promise<T> {
  return (await ui.pick(items, { title, ...(placeholder !== undefined && { placeholder }), ...(freeText && { freeText }) })) ?? cancelled();
}

export function hardwareKind(spec: MachineSpecChoice): HardwarePreset['kind'] {
  const kind = machineInfo(spec.machineType)?.kind;
  if (kind === 'tpuVm' || kind === 'cloudTpu') return 'tpu';
  return spec.acceleratorType !== undefined ? 'gpu' : 'cpu';
}

export async function pickHardware(ui: UserInput): Promise<MachineSpecChoice> {
  const title = vscode.l10n.t('Submit Training Job: hardware');
  const items: PickItem<string>[] = HARDWARE_PRESETS.map((p) => ({ label: p.label, description: p.machineSpec.machineType, value: p.id }));
  items.push({ label: vscode.l10n.t('Custom…'), description: vscode.l10n.t('any machine type, accelerator and count'), value: 'custom' });
  const id = await pick(ui, items, title, vscode.l10n.t('Pick the machine the job runs on'));
  return HARDWARE_PRESETS.find((p) => p.id === id)?.machineSpec ?? pickCustomHardware(ui, title);
}

async function pickCustomHardware(ui: UserInput, title: string): Promise<MachineSpecChoice> {
  const machineType = await pick(ui, knownMachineTypes().map((name) => ({ label: name, value: name, description: machineInfo(name)?.vcpus ? `${machineInfo(name)?.vcpus} vCPUs` : undefined })),
    title, vscode.l10n.t('Machine type'), (text) => text);
  const info = machineInfo(machineType);
  if (info?.kind === 'tpuVm') {
    const tpuTopology = await pick(ui, tpuTopologies(machineType).map((t) => ({ label: t, value: t })), title, vscode.l10n.t('TPU topology'));
    return { machineType, tpuTopology };
  }
  const accelerators = acceleratorsForMachine(machineType);
  if (accelerators.length === 0) return { machineType };
  const none: PickItem<string>[] = info?.kind === 'n1' ? [{ label: vscode.l10n.t('No accelerator'), value: NO_ACCELERATOR }] : [];
  const acceleratorType = accelerators.length === 1 && none.length === 0 ? accelerators[0]
    : await pick(ui, [...none, ...accelerators.map((a) => ({ label: a, description: acceleratorInfo(a)?.display, value: a }))], title, vscode.l10n.t('Accelerator'));
  if (acceleratorType === NO_ACCELERATOR) return { machineType };
  const counts = allowedCounts(machineType, acceleratorType);
  const acceleratorCount = counts.length === 1 ? counts[0] : await pick(ui, counts.map((c) => ({ label: String(c), value: c })), title, vscode.l10n.t('How many'));
  return { machineType, acceleratorType, acceleratorCount };
}

export type ContainerIntent =
  | { kind: 'prebuilt'; image: PrebuiltImage }
  | { kind: 'registry'; imageUri: string }
  | { kind: 'dockerfile'; dockerfile: string };

export async function pickContainer(ui: UserInput, kind: HardwarePreset['kind'], dockerfiles: string[], listImages: () => Promise<string[]>): Promise<ContainerIntent> {
  const title = vscode.l10n.t('Submit Training Job: container');
  const how = await pick<'prebuilt' | 'registry' | 'dockerfile'>(ui, [
    { label: vscode.l10n.t('Prebuilt image for your framework'), description: vscode.l10n.t('your code is uploaded as a Python package'), value: 'prebuilt' },
    { label: vscode.l10n.t('Image from Artifact Registry'), description: vscode.l10n.t('an image that already holds your code'), value: 'registry' },
    ...(dockerfiles.length > 0 ? [{ label: vscode.l10n.t('Build from a Dockerfile'), description: dockerfiles.join(', '), value: 'dockerfile' as const }] : []),
  ], title, vscode.l10n.t('Where the job\'s container comes from'));
  if (how === 'prebuilt') {
    const today = new Date();
    const images = prebuiltImages()
      .filter((i) => (i.name.includes('-xla.') ? ['tpu'] : i.accelerators).includes(kind))
      .sort((a, b) => Number(isAvailable(b, today)) - Number(isAvailable(a, today)) || b.endOfAvailability.localeCompare(a.endOfAvailability));
    const name = await pick(ui, images.map((i) => ({ label: i.name, description: `${i.framework} ${i.version}, Python ${i.python}`,
      detail: isAvailable(i, today) ? vscode.l10n.t('available until {0}', i.endOfAvailability) : vscode.l10n.t('no longer available since {0}', i.endOfAvailability),
      value: i.name })), title, vscode.l10n.t('Prebuilt training image'));
    return { kind: 'prebuilt', image: images.find((i) => i.name === name) ?? cancelled() };
  }
  if (how === 'dockerfile') {
    const dockerfile = dockerfiles.length === 1 ? dockerfiles[0] : await pick(ui, dockerfiles.map((d) => ({ label: d, value: d })), title, vscode.l10n.t('Dockerfile'));
    return { kind: 'dockerfile', dockerfile };
  }
  let found: PickItem<string>[];
  try {
    found = (await listImages()).map((uri) => ({ label: uri, value: uri }));
  } catch (err) {
    found = [{ label: vscode.l10n.t('Could not list Artifact Registry images: {0}', err instanceof Error ? err.message : String(err)), value: '', alwaysShow: true }];
  }
  const imageUri = await pick(ui, found, title, vscode.l10n.t('Pick an image, or type its URI'), (text) => text);
  return imageUri ? { kind: 'registry', imageUri } : cancelled();
}

/** Every tagged image of the Docker repositories in the region. */
export async function registryImages(connection: Connection, region: string): Promise<string[]> {
  const repositories = await listDockerRepositories(connection, region);
  const images = await Promise.all(repositories.map((r) => listDockerImages(connection, r.name)));
  return images.flat().map(taggedUri);
}

/** The registry path (REGION-docker.pkg.dev/PROJECT/REPOSITORY) a built image is pushed to. */
export async function pickRepository(ui: UserInput, connection: Connection, region: string): Promise<string> {
  const repositories = await listDockerRepositories(connection, region).catch((): DockerRepository[] => []);
  if (repositories.length === 1) return repositories[0].registryUri;
  const items = repositories.map((r) => ({ label: r.registryUri, description: r.description, value: r.registryUri }));
  return pick(ui, items, vscode.l10n.t('Submit Training Job: where to push the image'), vscode.l10n.t('Artifact Registry repository, or type REGION-docker.pkg.dev/PROJECT/REPOSITORY'), (text) => text);
}

/** A .py file relative to the folder; undefined runs the image's own entry point. */
export async function pickEntryPoint(ui: UserInput, files: string[], required: boolean): Promise<string | undefined> {
  const own: PickItem<string>[] = required ? [] : [{ label: vscode.l10n.t('The image\'s own entry point'), value: OWN_ENTRY_POINT }];
  const chosen = await pick(ui, [...files.map((f) => ({ label: f, value: f })), ...own], vscode.l10n.t('Submit Training Job: entry point'),
    vscode.l10n.t('The Python file the job runs'), (text) => text);
  return chosen === OWN_ENTRY_POINT ? undefined : chosen;
}

export async function inputArgs(ui: UserInput): Promise<string> {
  return (await ui.input({ title: vscode.l10n.t('Submit Training Job: arguments'), prompt: vscode.l10n.t('Arguments for your code, as on a command line (empty for none)'), value: '' })) ?? cancelled();
}

export async function pickRegion(ui: UserInput, machineSpec: MachineSpecChoice, current: string): Promise<string> {
  const needs = regionKey(machineSpec.machineType, machineSpec.acceleratorType);
  const regions = knownRegions().sort((a, b) => Number(b.id === current) - Number(a.id === current)
    || Number(needs !== undefined && b.offers.includes(needs)) - Number(needs !== undefined && a.offers.includes(needs)) || a.id.localeCompare(b.id));
  return pick(ui, regions.map((r) => ({
    label: r.id,
    description: r.label,
    detail: needs === undefined ? undefined : r.offers.includes(needs) ? vscode.l10n.t('offers {0}', offerDisplayName(needs)) : vscode.l10n.t('{0} not listed here', offerDisplayName(needs)),
    value: r.id,
  })), vscode.l10n.t('Submit Training Job: region'), vscode.l10n.t('Where the job runs'), (text) => text);
}

export async function inputPackageUri(ui: UserInput, suggestion: string): Promise<string> {
  return (await ui.input({
    title: vscode.l10n.t('Submit Training Job: package location'),
    prompt: vscode.l10n.t('Where your code is uploaded as a Python package (gs://BUCKET/PATH/NAME.tar.gz)'),
    value: suggestion,
    validate: (text) => (/^gs:\/\/[^/]+\/.+\.tar\.gz$/.test(text.trim()) ? undefined : vscode.l10n.t('Write gs://BUCKET/PATH/NAME.tar.gz')),
  }))?.trim() ?? cancelled();
}
