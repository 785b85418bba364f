import { createHash } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import type * as ContextModule from '../build/context';
import type * as ModelUploadModule from '../cloud/modelUpload';
import type { RegisteredModel, StageProgress } from '../cloud/modelUpload';
import type * as ModelsModule from '../cloud/models';
import type * as SpecRulesModule from '../jobs/spec-rules-shape';
import type { ResourceViews } from '../views/registerViews';
import { isResourceNode, TreeNode } from '../views/tree/treeNode';
import { abortSignal } from './buildSupport';
import type { UserInput } from './userInput';

/* eslint-disable @typescript-eslint/no-require-imports */
const modelUpload = (): typeof ModelUploadModule => require('../cloud/modelUpload') as typeof ModelUploadModule;
const models = (): typeof ModelsModule => require('../cloud/models') as typeof ModelsModule;
const buildContext = (): typeof ContextModule => require('../build/context') as typeof ContextModule;
const parseGcsUri = (uri: string): ReturnType<typeof SpecRulesModule.parseGcsUri> => (require('../jobs/spec-rules-shape') as typeof SpecRulesModule).parseGcsUri(uri);
/* eslint-enable @typescript-eslint/no-require-imports */

export interface UploadModelOptions {
  displayName?: string;
  /** A prebuilt prediction image's name (`sklearn-cpu.1-3`) or a full image URI. */
  image?: string;
  /** Register as a new version of this model; `''` registers a new model without asking. */
  parentModel?: string;
  /** Where a local folder is staged; by default gs://PROJECT-vertex-staging/models/NAME-HASH/. */
  stagingUri?: string;
}

type Source = { kind: 'job'; name: string } | { kind: 'gcs'; uri: string } | { kind: 'local'; path: string };

const JOB = /^projects\/[^/]+\/locations\/[^/]+\/(customJobs|hyperparameterTuningJobs|trainingPipelines|pipelineJobs)\/[^/]+$/;

function sourceOf(target: unknown): Source | undefined {
  if (target === undefined || target === null || target === '') return undefined;
  if (target instanceof TreeNode) {
    const name = isResourceNode(target) ? target.resource.name : '';
    if (JOB.test(name)) return { kind: 'job', name };
    throw new Error(vscode.l10n.t('Upload Model works from a training job, a Cloud Storage folder or a local folder.'));
  }
  if (target instanceof vscode.Uri) return { kind: 'local', path: target.fsPath };
  const text = typeof target === 'string' ? target : typeof (target as { name?: unknown }).name === 'string' ? (target as { name: string }).name : '';
  if (JOB.test(text)) return { kind: 'job', name: text };
  if (text.startsWith('gs://')) return { kind: 'gcs', uri: text };
  if (isAbsolute(text)) return { kind: 'local', path: text };
  throw new Error(vscode.l10n.t('{0} is not a training job, a gs:// folder or an absolute local path.', text || String(target)));
}

async function askSource(ui: UserInput): Promise<Source | undefined> {
  const kind = await ui.pick([
    { label: vscode.l10n.t('Local folder'), description: vscode.l10n.t('uploaded to the staging bucket first'), value: 'local' as const },
    { label: vscode.l10n.t('Cloud Storage folder'), value: 'gcs' as const },
    { label: vscode.l10n.t('Training job'), description: vscode.l10n.t('its baseOutputDirectory/model/'), value: 'job' as const },
  ], { title: vscode.l10n.t('Upload Model: artifacts from') });
  if (kind === undefined) return undefined;
  const prompts = {
    local: { prompt: vscode.l10n.t('The model folder (absolute path).'), check: (t: string) => isAbsolute(t) },
    gcs: { prompt: vscode.l10n.t('gs://BUCKET/PATH/ of the model artifacts.'), check: (t: string) => parseGcsUri(t) !== undefined },
    job: { prompt: vscode.l10n.t('The custom job\'s resource name (projects/…/customJobs/ID).'), check: (t: string) => JOB.test(t) },
  }[kind];
  const text = await ui.input({ title: vscode.l10n.t('Upload Model: artifacts'), prompt: prompts.prompt, validate: (t) => (prompts.check(t.trim()) ? undefined : prompts.prompt) });
  if (text === undefined) return undefined;
  return kind === 'local' ? { kind, path: text.trim() } : kind === 'gcs' ? { kind, uri: text.trim() } : { kind, name: text.trim() };
}

/** The images that can load the folder's files come first, so the first choice is one that works. */
async function askImage(ui: UserInput, region: string, files: readonly string[]): Promise<string | undefined> {
  const { PREDICTION_IMAGES, predictionImageUri } = modelUpload();
  const found = (i: { files: readonly string[] }) => i.files.filter((f) => files.includes(f));
  const loadable = PREDICTION_IMAGES.filter((i) => found(i).length === 1);
  const images = [...loadable, ...PREDICTION_IMAGES.filter((i) => !loadable.includes(i))];
  const placeholder = files.length > 0 && loadable.length === 0
    ? vscode.l10n.t('No prebuilt container loads {0}: type a custom image URI', files.join(', '))
    : vscode.l10n.t('A prebuilt prediction container, or type a custom image URI');
  return ui.pick(
    images.map((i) => ({
      label: `${i.framework} ${i.version}`,
      description: i.accelerator.toUpperCase(),
      detail: loadable.includes(i) ? vscode.l10n.t('loads {0}, found in the folder', found(i)[0]) : vscode.l10n.t('loads {0}', i.files.join(' or ')),
      value: predictionImageUri(i.name, region),
    })),
    { title: vscode.l10n.t('Upload Model: serving container'), placeholder, freeText: (t) => (/^[\w.-]+(:\d+)?\/[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})?$/.test(t) ? t : undefined) },
  );
}

function imageUri(image: string, region: string): string {
  const { PREDICTION_IMAGES, predictionImageUri } = modelUpload();
  return PREDICTION_IMAGES.some((i) => i.name === image) ? predictionImageUri(image, region) : image;
}

function describeProgress(p: StageProgress): string {
  const mb = (n: number) => (n / 1_000_000).toFixed(1);
  const eta = p.etaSeconds !== undefined && p.bytes < p.totalBytes ? vscode.l10n.t(' · about {0} s left', Math.ceil(p.etaSeconds)) : '';
  return vscode.l10n.t('{0} of {1} MB · {2} of {3} files', mb(p.bytes), mb(p.totalBytes), p.files, p.totalFiles) + eta;
}

/**
 * `vertexAI.uploadModel(source?, options?)`: registers a model (or a new version of one) from a
 * succeeded custom job's model folder, a gs:// folder, or a local folder staged in Cloud Storage
 * first. The artifacts are checked against the serving image before anything is registered, and
 * a cancelled staging registers nothing.
 */
export async function uploadModel(deps: { views: ResourceViews; ui: () => UserInput; log: vscode.LogOutputChannel }, target?: unknown, options: UploadModelOptions = {}): Promise<RegisteredModel | undefined> {
  const source = sourceOf(target) ?? await askSource(deps.ui());
  if (source === undefined) return undefined;
  if (source.kind === 'local' && !vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Uploading sends local files to Google Cloud, so it needs a trusted workspace.'));
  const clients = await deps.views.session.clients();
  const { connection } = clients;
  const api = modelUpload();

  let artifactUri = source.kind === 'gcs' ? source.uri.replace(/\/*$/, '/') : source.kind === 'job' ? await api.jobModelFolder(clients, source.name) : undefined;
  let top: string[] = [];
  if (artifactUri !== undefined) {
    const where = parseGcsUri(artifactUri);
    if (!where) throw new Error(vscode.l10n.t('{0} is not a Cloud Storage folder: write gs://BUCKET/PATH/.', artifactUri));
    await api.checkBucketRegion(connection, where.bucket);
    top = await api.topLevelFiles(connection, where);
  } else if (source.kind === 'local') {
    const listing = await buildContext().listContext(source.path);
    top = listing.files.filter((f) => f.kind === 'file' && !f.path.includes('/')).map((f) => f.path);
  }
  const image = options.image ? imageUri(options.image, connection.region) : await askImage(deps.ui(), connection.region, top);
  if (image === undefined) return undefined;
  const problem = api.artifactProblem(top, image, artifactUri ?? (source.kind === 'local' ? source.path : ''));
  if (problem) throw new Error(problem);

  const defaultName = source.kind === 'local' ? basename(source.path) : source.kind === 'job' ? source.name.slice(source.name.lastIndexOf('/') + 1) : basename(source.uri.replace(/\/+$/, ''));
  const parentModel = options.parentModel ?? await askParent(deps, clients);
  if (parentModel === undefined) return undefined;
  const displayName = options.displayName ?? (parentModel ? defaultName : await deps.ui().input({ title: vscode.l10n.t('Upload Model: name'), value: defaultName, validate: (t) => (t.trim() ? undefined : vscode.l10n.t('Give the model a name.')) }));
  if (displayName === undefined) return undefined;

  if (source.kind === 'local') {
    const hash = createHash('sha256').update(source.path).digest('hex').slice(0, 10);
    const stagingUri = options.stagingUri ?? `gs://${connection.project}-vertex-staging/models/${basename(source.path)}-${hash}/`;
    const where = parseGcsUri(stagingUri);
    if (!where) throw new Error(vscode.l10n.t('{0} is not a Cloud Storage location: write gs://BUCKET/PATH/.', stagingUri));
    await api.checkBucketRegion(connection, where.bucket);
    const staged = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading the model folder to {0}', stagingUri), cancellable: true },
      (progress, token) => {
        let last = 0;
        return api.stageModelFolder(connection, source.path, where, {
          signal: abortSignal(token),
          onProgress: (p) => {
            const percent = p.totalBytes > 0 ? (p.bytes / p.totalBytes) * 100 : 100;
            progress.report({ message: describeProgress(p), increment: percent - last });
            last = percent;
          },
          onRetry: (err, remaining) => deps.log.warn(`Upload Model: ${err instanceof Error ? err.message : String(err)}; retrying the ${remaining} files still to go.`),
        });
      },
    );
    deps.log.info(`Upload Model: staged ${staged.files.length} files (${staged.bytes} bytes, ${staged.skippedFiles} already there) at ${staged.uri}`);
    artifactUri = staged.uri;
  }
  if (artifactUri === undefined) return undefined;

  const registered = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Registering the model "{0}"…', displayName) },
    () => api.registerModel(clients, { displayName, artifactUri: artifactUri as string, imageUri: image, ...(parentModel && { parentModel }) }),
  );
  deps.log.info(`Upload Model: registered ${registered.model}@${registered.versionId} from ${artifactUri}`);
  deps.views.tree('vertexAI.models').reload();
  const deploy = vscode.l10n.t('Deploy to Endpoint…');
  void vscode.window.showInformationMessage(vscode.l10n.t('Registered "{0}" version {1}.', displayName, registered.versionId), deploy).then((choice) => {
    if (choice === deploy) void vscode.commands.executeCommand('vertexAI.deployModel', `${registered.model}@${registered.versionId}`);
  });
  return registered;
}

/** '' for a new model, a model's name for a new version of it, undefined when cancelled. */
async function askParent(deps: { ui: () => UserInput }, clients: Awaited<ReturnType<ResourceViews['session']['clients']>>): Promise<string | undefined> {
  const page = await models().listModels(clients, { pageSize: 50 });
  if (page.items.length === 0) return '';
  return deps.ui().pick(
    [
      { label: vscode.l10n.t('New model'), value: '' },
      ...page.items.map((m) => ({ label: vscode.l10n.t('New version of {0}', m.displayName), description: m.id, value: m.name })),
    ],
    { title: vscode.l10n.t('Upload Model: new model or new version') },
  );
}
