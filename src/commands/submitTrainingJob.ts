import { existsSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import type * as ArtifactRegistryModule from '../cloud/artifactRegistry';
import type { Connection } from '../cloud/connection';
import type * as SubmitCloudModule from '../cloud/customJobs-submit';
import type { CreatedJob, RegionalClients } from '../cloud/customJobs-submit';
import type { ApiError } from '../cloud/apiErrors';
import type * as SubmitErrorsModule from '../cloud/submitErrors';
import type { VertexClients } from '../cloud/vertexClients';
import type { SessionManager } from '../views/sessionManager';
import type { SpecDiagnostics } from '../views/spec/specDiagnostics';
import { isSpecDocument } from '../views/spec/specDocuments';
import { readGitFacts } from './gitFacts';
import { specUri } from './specTarget';
import type * as SubmitPlanModule from './submitPlan';

// The spec model and the submission code load on the first submission, not at activation.
/* eslint-disable @typescript-eslint/no-require-imports */
const submitPlan = (): typeof SubmitPlanModule => require('./submitPlan') as typeof SubmitPlanModule;
const submitCloud = (): typeof SubmitCloudModule => require('../cloud/customJobs-submit') as typeof SubmitCloudModule;
const submitErrors = (): typeof SubmitErrorsModule => require('../cloud/submitErrors') as typeof SubmitErrorsModule;
const artifactRegistry = (): typeof ArtifactRegistryModule => require('../cloud/artifactRegistry') as typeof ArtifactRegistryModule;
/* eslint-enable @typescript-eslint/no-require-imports */

// CreateCustomJobRequest has no request id, so the API cannot dedupe a repeated create. A second
// click on the same unchanged file this soon after a success gets the job the first one made.
const REPEAT_WINDOW_MS = 2_000;
const IMAGE_CHECK_TIMEOUT_MS = 5_000;
// A spec file in an editor is likely to be submitted: the client library (about a second to load)
// loads once the editor has settled, not when Submit is clicked.
const PREWARM_DELAY_MS = 1_500;

export interface SubmitDeps {
  session: SessionManager;
  specs: SpecDiagnostics;
  log: vscode.LogOutputChannel;
  /** The session's shared Vertex AI clients, used for jobs in the session's own region. */
  sessionClients?: () => Promise<VertexClients>;
  /** Runs after a job was created: reveal it in the Training Jobs tree and follow its logs. */
  afterSubmit(job: CreatedJob): void;
  /** Builds and uploads what the spec's local sections name; returns the text to submit then. */
  prepareLocal?(uri: vscode.Uri, connection: Connection, progress: vscode.Progress<{ message?: string }>): Promise<string>;
}

/**
 * `vertexAI.submitTrainingJob(uri?)`: validates the spec file with the one validator, converts it,
 * creates the job and returns its resource name. A complete spec never prompts. Problems are shown
 * where they are (the file, the Problems view) and the command returns undefined.
 */
export class TrainingJobSubmitter implements vscode.Disposable {
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private readonly recent = new Map<string, { text: string; name: string; at: number }>();
  private regional: RegionalClients | undefined;
  private prewarm: NodeJS.Timeout | undefined;
  private readonly editorWatch: vscode.Disposable;

  constructor(private readonly deps: SubmitDeps) {
    this.editorWatch = vscode.window.onDidChangeActiveTextEditor((editor) => this.prepareFor(editor));
    this.prepareFor(vscode.window.activeTextEditor);
  }

  private prepareFor(editor: vscode.TextEditor | undefined): void {
    const warm = this.deps.sessionClients;
    if (warm === undefined || this.prewarm !== undefined || editor === undefined || !isSpecDocument(editor.document)) return;
    this.prewarm = setTimeout(() => {
      this.editorWatch.dispose();
      submitCloud();
      warm().catch(() => undefined);
    }, PREWARM_DELAY_MS);
  }

  submit(target?: unknown): Promise<string | undefined> {
    const uri = specUri(target);
    const key = uri.toString();
    const running = this.inFlight.get(key);
    if (running) return running;
    const submission = this.run(uri).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, submission);
    return submission;
  }

  private async run(uri: vscode.Uri): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) {
      throw new Error(vscode.l10n.t('Submitting a job sends code from this workspace to Google Cloud, so it needs a trusted workspace. Trust the workspace, then submit again.'));
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.isDirty) await doc.save();
    const text = doc.getText();
    const last = this.recent.get(uri.toString());
    if (last && last.text === text && Date.now() - last.at < REPEAT_WINDOW_MS) return last.name;
    const title = vscode.l10n.t('Submitting {0}', basename(uri.fsPath));
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
      progress.report({ message: vscode.l10n.t('checking the spec…') });
      const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
      const [state, git] = await Promise.all([this.deps.session.state(), readGitFacts(dirname(uri.fsPath))]);
      if (state.kind !== 'ready') throw new Error(state.message);
      const connection = state.connection;
      const planInput = {
        text, fileName: uri.fsPath, env: process.env, defaultRegion: connection.region, exists: existsSync,
        ...(folder !== undefined && { workspaceFolder: folder, relativePath: relative(folder, uri.fsPath) }),
        ...(git.sha !== undefined && { gitSha: git.sha }),
        ...(git.dirty !== undefined && { gitDirty: git.dirty }),
      };
      let plan = submitPlan().planSubmission(planInput);
      if (!plan.ok && plan.reason !== 'invalid' && this.deps.prepareLocal) {
        plan = submitPlan().planSubmission({ ...planInput, text: await this.deps.prepareLocal(uri, connection, progress), localPrepared: true });
      }
      if (!plan.ok) {
        if (plan.reason === 'invalid') {
          await this.deps.specs.analyze(doc);
          this.notify(vscode.l10n.t('{0} was not submitted: it has {1} problem(s) to fix first. They are marked in the file and listed in the Problems view.', basename(uri.fsPath), Math.max(plan.errors.length, 1)), 'problems');
        } else {
          this.notify(plan.message);
        }
        return undefined;
      }
      if (plan.registryImages.length > 0) {
        progress.report({ message: vscode.l10n.t('checking the image…') });
        const missing = await this.missingImage(connection, plan.registryImages);
        if (missing !== undefined) {
          this.notify(vscode.l10n.t('{0} was not submitted: the image {1} does not exist in Artifact Registry. Push it, or fix imageUri.', basename(uri.fsPath), missing));
          return undefined;
        }
      }
      progress.report({ message: vscode.l10n.t('creating the job in {0}…', plan.region) });
      const clients = plan.region === connection.region && this.deps.sessionClients
        ? await this.deps.sessionClients()
        : (this.regional ??= new (submitCloud().RegionalClients)()).get(connection, plan.region);
      let created: CreatedJob;
      try {
        created = await submitCloud().createTrainingJob(clients, plan.request);
      } catch (err) {
        if (!(err instanceof submitCloud().JobCreateError)) throw err;
        await this.refused(doc, err.api, { project: connection.project, region: plan.region, images: plan.images,
          ...(plan.serviceAccount !== undefined && { serviceAccount: plan.serviceAccount }) });
        return undefined;
      }
      this.deps.specs.clearApiProblems(uri);
      this.recent.set(uri.toString(), { text, name: created.name, at: Date.now() });
      this.deps.log.info(`Created ${created.name} (${created.kind}) from ${uri.fsPath}.`);
      // Following the logs loads the logging library; the command returns the job before that.
      setTimeout(() => this.deps.afterSubmit(created), 0);
      void vscode.window.showInformationMessage(vscode.l10n.t('Submitted {0} as {1}.', created.displayName, created.name.split('/').pop() ?? created.name));
      return created.name;
    });
  }

  /** The first image its repository says is not there; a registry that cannot tell lets it through. */
  private async missingImage(connection: Connection, images: string[]): Promise<string | undefined> {
    const timeout = new Promise<'unknown'>((resolve) => setTimeout(() => resolve('unknown'), IMAGE_CHECK_TIMEOUT_MS).unref());
    const answers = await Promise.all(images.map((uri) => Promise.race([artifactRegistry().findDockerImage(connection, uri), timeout])));
    return images.find((_, i) => answers[i] === 'missing');
  }

  private async refused(doc: vscode.TextDocument, api: ApiError, context: SubmitErrorsModule.FailureContext): Promise<void> {
    const failure = submitErrors().explainSubmitFailure(api, context);
    this.deps.log.error(`Vertex AI refused ${doc.uri.fsPath}: ${api.status}: ${api.message}`);
    switch (failure.kind) {
      case 'fields':
        await this.deps.specs.showApiProblems(doc, failure.fields);
        this.notify(`${failure.message} ${vscode.l10n.t('The fields are marked in the file.')}`, 'problems');
        return;
      case 'quota':
        this.notify(failure.message, 'quota', failure.link);
        return;
      default:
        this.notify(failure.message);
    }
  }

  private notify(message: string, action?: 'problems' | 'quota', link?: string): void {
    const showProblems = vscode.l10n.t('Show Problems');
    const requestQuota = vscode.l10n.t('Request More Quota');
    const actions = action === 'problems' ? [showProblems] : action === 'quota' ? [requestQuota] : [];
    void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
      if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      if (choice === requestQuota && link) void vscode.env.openExternal(vscode.Uri.parse(link));
    });
  }

  dispose(): void {
    clearTimeout(this.prewarm);
    this.editorWatch.dispose();
    void this.regional?.close();
  }
}
