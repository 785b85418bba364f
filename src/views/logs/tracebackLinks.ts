import * as vscode from 'vscode';
import { matchingSuffix, tracebackFrames } from '../../logs/traceback';

const CACHE_MS = 30_000;
const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,__pycache__,site-packages,dist-packages}/**';

interface Scanned {
  /** Lines before this one are scanned (the last line may still grow, so it is scanned again). */
  lines: number;
  /** The first line, which changes when the channel is cleared and written again. */
  head: string;
  frames: { range: vscode.Range; path: string; line: number }[];
}

/**
 * Makes `File "/root/.local/lib/python3.10/site-packages/trainer/task.py", line 88` in a job's
 * log open the workspace's `trainer/task.py` at line 88: paths inside the container are matched
 * to workspace files by their longest common path suffix. A streaming log only grows, so each
 * request scans just the lines added since the last one.
 */
export class TracebackLinkProvider implements vscode.DocumentLinkProvider {
  private readonly byBasename = new Map<string, { at: number; files: Promise<vscode.Uri[]> }>();
  private readonly scanned = new Map<string, Scanned>();

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const links: vscode.DocumentLink[] = [];
    for (const frame of this.scan(document)) {
      if (token.isCancellationRequested) break;
      const target = await this.resolve(frame.path);
      if (!target) continue;
      const link = new vscode.DocumentLink(frame.range, target.with({ fragment: `L${frame.line}` }));
      link.tooltip = vscode.l10n.t('Open {0} at line {1}', vscode.workspace.asRelativePath(target), frame.line);
      links.push(link);
    }
    return links;
  }

  private scan(document: vscode.TextDocument): Scanned['frames'] {
    const key = document.uri.toString();
    let state = this.scanned.get(key);
    const head = document.lineAt(0).text;
    // A cleared channel starts over.
    if (!state || document.lineCount < state.lines || state.head !== head) state = { lines: 0, head, frames: [] };
    const from = Math.max(0, state.lines - 1);
    state.frames = state.frames.filter((f) => f.range.start.line < from);
    const start = new vscode.Position(from, 0);
    const offset = document.offsetAt(start);
    const text = document.getText(new vscode.Range(start, document.lineAt(document.lineCount - 1).range.end));
    for (const frame of tracebackFrames(text)) {
      state.frames.push({ range: new vscode.Range(document.positionAt(offset + frame.pathStart), document.positionAt(offset + frame.pathEnd)), path: frame.path, line: frame.line });
    }
    state.lines = document.lineCount;
    this.scanned.set(key, state);
    return state.frames;
  }

  private async resolve(path: string): Promise<vscode.Uri | undefined> {
    const segments = path.split(/[\\/]/).filter(Boolean);
    const basename = segments.at(-1);
    if (!basename || !vscode.workspace.workspaceFolders?.length) return undefined;
    const candidates = await this.filesNamed(basename);
    let best: { uri: vscode.Uri; score: number; depth: number } | undefined;
    for (const uri of candidates) {
      const relative = vscode.workspace.asRelativePath(uri, false).split('/');
      const score = matchingSuffix(segments, relative);
      // On a tie the file nearest the workspace root wins, whatever order the search returned.
      if (!best || score > best.score || (score === best.score && relative.length < best.depth)) best = { uri, score, depth: relative.length };
    }
    if (!best) return undefined;
    // A bare file name is enough for the script's own folder, not for installed libraries.
    const installed = /(site|dist)-packages|\/lib\/python/.test(path);
    return best.score >= 2 || (!installed && candidates.length === 1) ? best.uri : undefined;
  }

  private filesNamed(basename: string): Promise<vscode.Uri[]> {
    const cached = this.byBasename.get(basename);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.files;
    const files = Promise.resolve(vscode.workspace.findFiles(`**/${basename.replace(/[[\]{}*?]/g, '?')}`, EXCLUDE, 50)).then(
      (found) => found,
      () => [],
    );
    this.byBasename.set(basename, { at: Date.now(), files });
    return files;
  }

  /** Forgets a closed document's scan. */
  forget(document: vscode.TextDocument): void {
    this.scanned.delete(document.uri.toString());
  }
}
