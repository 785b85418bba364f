import * as vscode from 'vscode';

export interface AppendEvent {
  text: string;
  /** `Date.now()` when the text went to the channel. */
  at: number;
}

/** Output coming in faster than this is gathered into one append. */
const COALESCE_MS = 15;

/**
 * Appends to an output channel in batches: a burst of entries costs one append, so the
 * extension host never blocks on thousands of small ones.
 */
export class ChannelWriter implements vscode.Disposable {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly appended = new vscode.EventEmitter<AppendEvent>();
  /** Every append, as it happens (integration tests and the bench read the channel through it). */
  readonly onDidAppend = this.appended.event;

  constructor(readonly channel: vscode.OutputChannel) {}

  write(text: string): void {
    if (!text) return;
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.channel.append(text);
    this.appended.fire({ text, at: Date.now() });
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = '';
    this.channel.clear();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.appended.dispose();
    this.channel.dispose();
  }
}
