// What a spec's local-only sections need before its job can be submitted: the image built and
// pushed (and the spec pinned to its digest), the Python package built and uploaded. The text is
// only changed once everything succeeded, so a failure leaves the spec as it was.
import { dirname, resolve } from 'node:path';
import type { Connection } from '../cloud/connection';
import type { JobSpecFile, SpecEdit } from '../jobs/spec-types';
import { findContainerCli, isCliProblem } from './container-cli';
import type { CliKind } from './container-cli';
import { ImageBuildError, buildAndPushImage } from './image-build';
import type { Builder, BuiltImage } from './image-build';
import { uploadPythonPackage } from './python-package';
import type { UploadedPackage } from './python-package';
import { applyEdits, pinImageEdits } from './spec-pin';

export type BuilderPreference = 'auto' | CliKind | 'cloud-build';

export interface BuilderChoice {
  builder: Builder;
  /** Why Cloud Build was used when a local CLI was acceptable. */
  fallbackReason?: string;
}

/** `auto` prefers a local docker/podman whose daemon answers, and falls back to Cloud Build. */
export async function chooseBuilder(preference: BuilderPreference, network?: string, env: NodeJS.ProcessEnv = process.env): Promise<BuilderChoice> {
  if (preference === 'cloud-build') return { builder: { kind: 'cloud-build' } };
  const found = await findContainerCli(preference === 'auto' ? ['docker', 'podman'] : [preference], env);
  if (!isCliProblem(found)) return { builder: { kind: 'local', cli: found, ...(network !== undefined && { network }) } };
  if (preference !== 'auto') throw new ImageBuildError(found.message);
  return { builder: { kind: 'cloud-build' }, fallbackReason: found.message };
}

export interface PrepareInput {
  conn: Connection;
  /** The spec file's text and absolute path. */
  text: string;
  fileName: string;
  /** The same text, analyzed (substitutions applied). */
  spec: JobSpecFile;
  gitCommit?: string;
  /** Asked only when an image has to be built. */
  builder(): Promise<Builder>;
  onLine(line: string): void;
  onStep(message: string): void;
  signal?: AbortSignal;
}

export interface PreparedSpec {
  /** The spec's new text: the same unless an image was pinned. */
  text: string;
  edits: SpecEdit[];
  image?: BuiltImage;
  pythonPackage?: UploadedPackage;
}

export function hasLocalSections(spec: JobSpecFile): boolean {
  return spec.local?.build !== undefined || spec.local?.pythonPackage !== undefined;
}

export async function prepareLocalSections(input: PrepareInput): Promise<PreparedSpec> {
  const specDir = dirname(input.fileName);
  const local = input.spec.local ?? {};
  let edits: SpecEdit[] = [];
  let image: BuiltImage | undefined;
  if (local.build) {
    image = await buildAndPushImage({
      conn: input.conn,
      contextDir: resolve(specDir, local.build.context ?? '.'),
      image: local.build.image,
      builder: await input.builder(),
      onLine: input.onLine,
      onStep: input.onStep,
      ...(local.build.dockerfile !== undefined && { dockerfile: local.build.dockerfile }),
      ...(local.build.target !== undefined && { target: local.build.target }),
      ...(local.build.buildArgs !== undefined && { buildArgs: local.build.buildArgs }),
      ...(input.gitCommit !== undefined && { gitCommit: input.gitCommit }),
      ...(input.signal && { signal: input.signal }),
    });
    const pins = pinImageEdits(input.text, input.fileName, image.pinned);
    if (pins === undefined) throw new ImageBuildError(`${image.pinned} was pushed, but ${input.fileName} could not be updated to run it: set its image to ${image.pinned} by hand.`);
    edits = pins;
  }
  let pythonPackage: UploadedPackage | undefined;
  if (local.pythonPackage) {
    input.onStep('packaging the Python code…');
    pythonPackage = await uploadPythonPackage(input.conn, resolve(specDir, local.pythonPackage.path), local.pythonPackage.packageUri, input.onLine);
  }
  return { text: applyEdits(input.text, edits), edits, ...(image && { image }), ...(pythonPackage && { pythonPackage }) };
}
