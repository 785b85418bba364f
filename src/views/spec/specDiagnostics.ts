import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { readGcloudDefaults } from '../../cloud/gcloudConfig';
import { DEFAULT_REGION } from '../../cloud/session';
import type { FieldProblem } from '../../cloud/submitErrors';
import type { SpecDiagnostic, SpecRange } from '../../jobs/spec-types';
import type { SpecAnalysis } from '../../jobs/spec-validate';
import type * as SpecValidateModule from '../../jobs/spec-validate';
import { GitFactsCache } from './gitFactsCache';
import { editorSeverity } from './problemSeverity';
import type * as SpecAnalysisModule from './specAnalysis';
import type { SpecFileInput } from './specAnalysis';
import { isSpecDocument } from './specDocuments';

// The spec model (yaml, the schema, the hardware tables) loads on the first spec file, not at activation.
/* eslint-disable @typescript-eslint/no-require-imports */
const specAnalysis = (): typeof SpecAnalysisModule => require('./specAnalysis') as typeof SpecAnalysisModule;
const specValidate = (): typeof SpecValidateModule => require('../../jobs/spec-validate') as typeof SpecValidateModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const TYPING_DELAY_MS = 250;
export const DIAGNOSTIC_SOURCE = 'Vertex AI';

export interface AnalyzedSpec {
  version: number;
  input: SpecFileInput;
  analysis: SpecAnalysis;
  /** Each problem with the diagnostic shown for it. */
  items: { problem: SpecDiagnostic; diagnostic: vscode.Diagnostic }[];
}

const SEVERITY: Record<SpecDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVsRange(range: SpecRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The region a spec without `region` runs in: the session's rule (settings, gcloud, default). */
export function defaultRegion(): string {
  return vscode.workspace.getConfiguration('vertexAI').get<string>('region')?.trim() || readGcloudDefaults().region || DEFAULT_REGION;
}

/**
 * Problems of every open spec file, kept current as it is edited, and the problems the API
 * reported for the last submission (until the file changes). The editor features and the
 * commands all read the analysis from here, so they agree.
 */
export class SpecDiagnostics implements vscode.Disposable {
  private readonly problems = vscode.languages.createDiagnosticCollection('vertexAI.spec');
  private readonly apiProblems = vscode.languages.createDiagnosticCollection('vertexAI.api');
  private readonly latest = new Map<string, AnalyzedSpec>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly git = new GitFactsCache();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables = [
      this.problems,
      this.apiProblems,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.apiProblems.delete(e.document.uri);
        this.schedule(e.document, TYPING_DELAY_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (!isSpecDocument(doc)) return;
        this.git.forget(dirname(doc.uri.fsPath));
        this.schedule(doc, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('vertexAI.region')) this.refreshAll();
      }),
    ];
    // Files already open when the extension activates are analyzed once activation is over.
    const initial = setTimeout(() => this.refreshAll(), 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  /** The analysis of the document's current text, computed now unless it is up to date. */
  async analyze(doc: vscode.TextDocument): Promise<AnalyzedSpec> {
    const key = doc.uri.toString();
    const cached = this.latest.get(key);
    if (cached?.version === doc.version && cached.input.text === doc.getText()) return cached;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    const facts = doc.uri.scheme === 'file' ? await this.git.facts(dirname(doc.uri.fsPath)) : {};
    const input: SpecFileInput = {
      text: doc.getText(),
      fileName: doc.uri.fsPath,
      ...(folder !== undefined && { workspaceFolder: folder }),
      env: process.env,
      ...(facts.sha !== undefined && { gitSha: facts.sha }),
      defaultRegion: defaultRegion(),
      exists: existsSync,
    };
    const analysis = specAnalysis().analyzeSpecFile(input);
    const items = analysis.diagnostics.map((problem) => ({ problem, diagnostic: toDiagnostic(problem) }));
    const entry: AnalyzedSpec = { version: doc.version, input, analysis, items };
    if (!doc.isClosed) {
      this.latest.set(key, entry);
      this.problems.set(doc.uri, items.map((i) => i.diagnostic));
    }
    return entry;
  }

  /** Shows what the API rejected at the fields of the file it came from. */
  async showApiProblems(doc: vscode.TextDocument, fields: FieldProblem[]): Promise<vscode.Diagnostic[]> {
    const { analysis } = await this.analyze(doc);
    const diagnostics = fields.map((field) => {
      const range = field.path === undefined
        ? new vscode.Range(0, 0, 0, doc.lineAt(0).text.length)
        : toVsRange(specValidate().rangeFor({ path: field.path, target: 'value' }, analysis.parsed));
      const diagnostic = new vscode.Diagnostic(range, vscode.l10n.t('Vertex AI rejected this: {0}', field.description || field.field), vscode.DiagnosticSeverity.Error);
      diagnostic.source = `${DIAGNOSTIC_SOURCE} API`;
      diagnostic.code = field.field;
      return diagnostic;
    });
    this.apiProblems.set(doc.uri, diagnostics);
    return diagnostics;
  }

  clearApiProblems(uri: vscode.Uri): void {
    this.apiProblems.delete(uri);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!isSpecDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.analyze(doc).catch((err: unknown) => this.log.error(`Could not analyze ${doc.uri.fsPath}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    }, delayMs));
  }

  private refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.latest.delete(key);
    this.problems.delete(uri);
    this.apiProblems.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(problem: SpecDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(problem.range), problem.message, SEVERITY[editorSeverity(problem)]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.rule;
  return diagnostic;
}
