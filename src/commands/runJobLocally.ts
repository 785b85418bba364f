import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type * as ContainerCliModule from '../build/container-cli';
import type { CliKind } from '../build/container-cli';
import type * as ImageBuildModule from '../build/image-build';
import type * as LocalRunModule from '../build/local-run';
import { DEFAULT_REGION } from '../cloud/session';
import type { SessionManager } from '../views/sessionManager';
import { abortSignal, readSpecForBuild } from './buildSupport';
import type { BuildOutput } from './buildSupport';
import { specUri } from './specTarget';

/* eslint-disable @typescript-eslint/no-require-imports */
const containerCli = (): typeof ContainerCliModule => require('../build/container-cli') as typeof ContainerCliModule;
const imageBuild = (): typeof ImageBuildModule => require('../build/image-build') as typeof ImageBuildModule;
const localRun = (): typeof LocalRunModule => require('../build/local-run') as typeof LocalRunModule;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface RunLocallyOptions {
  /** Host folder for the job's outputs; default outputs/local-TIME beside the spec. */
  outputDir?: string;
  cli?: CliKind;
  network?: string;
}

export interface LocalRunResult {
  exitCode: number;
  outputDir: string;
  image: string;
}

/**
 * `vertexAI.runJobLocally(uri?, options?)`: runs worker pool 0's container with docker (building
 * local.build first, without pushing), with Vertex AI's environment and a local output folder.
 */
export async function runJobLocally(deps: { session: SessionManager; output: BuildOutput }, target?: unknown, options: RunLocallyOptions = {}): Promise<LocalRunResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    throw new Error(vscode.l10n.t('Running a job locally runs this workspace\'s code in a container, so it needs a trusted workspace.'));
  }
  const uri = specUri(target);
  const state = await deps.session.state();
  const read = await readSpecForBuild(uri, state.kind === 'ready' ? state.connection.region : DEFAULT_REGION);
  const cli = await containerCli().findContainerCli(options.cli ? [options.cli] : ['docker', 'podman']);
  if (containerCli().isCliProblem(cli)) throw new Error(cli.message);
  const specDir = dirname(uri.fsPath);
  const stem = basename(uri.fsPath).replace(/\.vertex\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'job';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const outputDir = options.outputDir ?? join(specDir, 'outputs', `local-${stamp}`);
  await mkdir(outputDir, { recursive: true });
  const output = deps.output;
  output.get().show(true);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running {0} locally', basename(uri.fsPath)), cancellable: true },
    async (progress, token) => {
      const signal = abortSignal(token);
      const build = read.spec.local?.build;
      const builder = { kind: 'local' as const, cli, ...(options.network !== undefined && { network: options.network }) };
      const image = build === undefined ? undefined : await imageBuild().buildLocalImage({
        contextDir: resolve(specDir, build.context ?? '.'), name: `vertex-local/${stem}`, builder,
        onLine: (line) => output.line(line), onStep: (message) => progress.report({ message }), signal,
        ...(build.dockerfile !== undefined && { dockerfile: build.dockerfile }),
        ...(build.target !== undefined && { target: build.target }),
        ...(build.buildArgs !== undefined && { buildArgs: build.buildArgs }),
        ...(read.gitSha !== undefined && { gitCommit: read.gitSha }),
      });
      const name = `vertex-local-${stem}-${Date.now()}`;
      const plan = localRun().localRunPlan(read.spec, { outputDir, name, ...(image !== undefined && { image }), ...(options.network !== undefined && { network: options.network }) });
      output.line(vscode.l10n.t('Running {0}; outputs go to {1} (mounted at {2}).', plan.image, outputDir, localRun().CONTAINER_OUTPUT_DIR));
      progress.report({ message: vscode.l10n.t('running {0}…', plan.image) });
      const exitCode = await localRun().runLocally(cli, plan, name, (line) => output.line(line), signal);
      output.line(vscode.l10n.t('The container exited with code {0}.', exitCode));
      if (exitCode === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The local run finished; its outputs are in {0}.', vscode.workspace.asRelativePath(outputDir)));
      } else {
        void vscode.window.showErrorMessage(vscode.l10n.t('The local run failed with exit code {0}. Its output is in the "Vertex AI Build" channel.', exitCode));
      }
      return { exitCode, outputDir, image: plan.image };
    },
  );
}
