import * as vscode from 'vscode';
import { resolveEndpoint } from '../../cloud/endpoints';
import type { JobRef, JobStatus } from '../../logs/job-status';
import { getJobStatus, isTerminal, parseJobName } from '../../logs/job-status';
import { LOCAL_TIMINGS, LogFollower, REMOTE_TIMINGS } from '../../logs/log-follower';
import type { FollowOutcome } from '../../logs/log-follower';
import { formatMarker, formatRecords } from '../../logs/log-format';
import { ReaderPool } from '../../logs/reader-pool';
import type { SessionClients } from '../tree/sessionClients';
import type { AppendEvent } from './channelWriter';
import { ChannelWriter } from './channelWriter';
import type { JobNotice } from './jobFinishedNotice';
import { notifyJobFinished } from './jobFinishedNotice';

/** Language id of job log channels: syntaxes/vertex-log.tmLanguage.json colours it. */
export const LOG_LANGUAGE = 'vertex-log';
/** True while any job's log is streaming: enables "Stop Streaming Logs". */
const STREAMING_KEY = 'vertexAI.streamingLogs';

export interface FollowRequest {
  /** Only this replica's entries (`workerpool0-1`); all replicas when absent. */
  replica?: string;
  /** Show the channel (default true); false follows in the background. */
  reveal?: boolean;
}

/** One run of following a job's log into its channel. */
export interface LogStreamHandle {
  readonly jobName: string;
  readonly replica: string | undefined;
  readonly channelName: string;
  /** Settles when the run ends: the job finished and its last entries are in, it was stopped, or it failed. */
  readonly done: Promise<FollowOutcome>;
  /** Resolves once the history is shown and the run follows the job live (or has ended). */
  readonly live: Promise<void>;
  /** The channel's appends (the channel's text cannot be read back through the VS Code API). */
  readonly onDidAppend: vscode.Event<AppendEvent>;
  /** The job ended while this run followed it; `notice` is the notification shown. */
  readonly onDidFinishJob: vscode.Event<JobFinishedEvent>;
}

export interface JobFinishedEvent {
  jobName: string;
  status: JobStatus;
  notice: JobNotice;
}

interface Run {
  follower: LogFollower;
  handle: LogStreamHandle;
  ended: boolean;
}

interface Stream {
  ref: JobRef;
  writer: ChannelWriter;
  run?: Run;
}

const shortState = (state: string): string => state.replace(/^JOB_STATE_/, '');

/**
 * One output channel per job, kept in a map; following stops on request, when the job has
 * ended, and on dispose. SUB starts a stream after submitting; job nodes offer "Show Logs".
 */
export class LogStreams implements vscode.Disposable {
  private readonly streams = new Map<string, Stream>();
  private readonly readers = new ReaderPool();
  private readonly starting = new Map<string, Promise<LogStreamHandle>>();
  private readonly finished = new vscode.EventEmitter<JobFinishedEvent>();
  /** A job this extension followed has ended (its notification is showing). */
  readonly onDidFinishJob = this.finished.event;

  constructor(
    private readonly session: SessionClients,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Follows a job's log into its channel: its history, then live while it runs. A run already
   * following the same job and replica is shown instead of starting over.
   */
  follow(jobName: string, request: FollowRequest = {}): Promise<LogStreamHandle> {
    // A second request while the first is still starting (a double click) gets the same run.
    const key = `${jobName}\u0000${request.replica ?? ''}`;
    let starting = this.starting.get(key);
    if (!starting) {
      starting = this.start(jobName, request).finally(() => this.starting.delete(key));
      this.starting.set(key, starting);
    }
    return starting;
  }

  private async start(jobName: string, request: FollowRequest): Promise<LogStreamHandle> {
    const ref = parseJobName(jobName);
    if (!ref) throw new Error(vscode.l10n.t('"{0}" is not a custom job or a hyperparameter tuning job; only those have container logs.', jobName));
    const existing = this.streams.get(jobName);
    if (existing?.run && !existing.run.ended && !existing.run.follower.stopped && existing.run.handle.replica === request.replica) {
      if (request.reveal !== false) existing.writer.channel.show(true);
      return existing.run.handle;
    }
    const clients = await this.session.clients();
    const stream = existing ?? { ref, writer: new ChannelWriter(vscode.window.createOutputChannel(vscode.l10n.t('Vertex AI job {0}', ref.id), LOG_LANGUAGE)) };
    this.streams.set(jobName, stream);
    stream.run?.follower.stop();
    const writer = stream.writer;
    writer.clear();
    if (request.reveal !== false) writer.channel.show(true);

    const conn = clients.connection;
    const { reader, release } = this.readers.acquire(conn);
    const local = resolveEndpoint('logging', conn.region, conn.overrides).local;
    let wentLive: () => void = () => undefined;
    const live = new Promise<void>((resolve) => (wentLive = resolve));
    const follower = new LogFollower({
      job: ref,
      replica: request.replica,
      reader,
      // The session's current clients: a new session (settings, sign-in) closes the old ones.
      jobStatus: async () => getJobStatus(await this.session.clients(), ref),
      timings: local ? LOCAL_TIMINGS : REMOTE_TIMINGS,
      events: {
        records: (records) => current() && writer.write(formatRecords(records)),
        state: (status, previous) => current() && this.onState(writer, jobName, status, previous, request.replica),
        mode: (mode) => {
          if (mode !== 'history') wentLive();
          this.log.debug(`${jobName}: ${mode === 'history' ? 'reading the log history' : mode === 'tail' ? 'following the live tail' : 'polling the log'}`);
        },
        diagnostic: (message) => this.log.warn(`${jobName}: ${message}`),
      },
    });
    const done = follower.run().then((outcome) => {
      run.ended = true;
      wentLive();
      release();
      if (current()) this.onEnded(writer, jobName, outcome);
      this.updateContext();
      return outcome;
    });
    const onDidFinishJob: vscode.Event<JobFinishedEvent> = (listener, thisArg, disposables) =>
      this.finished.event((e) => e.jobName === jobName && current() && listener.call(thisArg, e), undefined, disposables);
    const run: Run = { follower, ended: false, handle: { jobName, replica: request.replica, channelName: writer.channel.name, done, live, onDidAppend: writer.onDidAppend, onDidFinishJob } };
    // A later run (another replica) takes the channel over; this one then writes nothing more.
    const current = (): boolean => stream.run === run;
    stream.run = run;
    this.updateContext();
    return run.handle;
  }

  /** Stops following a job; false when it was not streaming. */
  stop(jobName: string): boolean {
    const run = this.streams.get(jobName)?.run;
    if (!run || run.ended || run.follower.stopped) return false;
    run.follower.stop();
    return true;
  }

  /** Names of the jobs whose logs are streaming now. */
  streaming(): string[] {
    return [...this.streams.entries()].filter(([, s]) => s.run && !s.run.ended && !s.run.follower.stopped).map(([name]) => name);
  }

  private onState(writer: ChannelWriter, jobName: string, status: JobStatus, previous: JobStatus | undefined, replica: string | undefined): void {
    const state = shortState(status.state);
    const failure = status.error ? `: ${status.error}` : '';
    if (!previous) {
      writer.write(formatMarker(Date.now(), vscode.l10n.t('Job "{0}" ({1}) is {2}{3}', status.displayName, status.name, state, failure)));
      if (replica) writer.write(formatMarker(Date.now(), vscode.l10n.t('Showing replica {0} only.', replica)));
      return;
    }
    writer.write(formatMarker(Date.now(), vscode.l10n.t('Job state: {0}{1}', state, failure)));
    if (isTerminal(status.state) && !isTerminal(previous.state)) {
      writer.flush();
      const notice = notifyJobFinished(status, () => writer.channel.show(true));
      this.finished.fire({ jobName, status, notice });
    }
  }

  private onEnded(writer: ChannelWriter, jobName: string, outcome: FollowOutcome): void {
    if (outcome.kind === 'finished') {
      writer.write(formatMarker(Date.now(), vscode.l10n.t('End of logs: the job is {0}.', shortState(outcome.status.state))));
    } else if (outcome.kind === 'stopped') {
      writer.write(formatMarker(Date.now(), vscode.l10n.t('Streaming stopped. Run "Vertex AI: Show Logs" on the job to read its logs again.')));
    } else {
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      writer.write(formatMarker(Date.now(), vscode.l10n.t('Streaming failed: {0}', message)));
      this.log.error(`${jobName}: streaming its logs failed: ${message}`);
      const show = vscode.l10n.t('Show Logs');
      void vscode.window.showWarningMessage(vscode.l10n.t('The logs of job {0} could not be read: {1}', jobName, message), show).then((choice) => {
        if (choice === show) writer.channel.show(true);
      });
    }
    writer.flush();
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', STREAMING_KEY, this.streaming().length > 0);
  }

  dispose(): void {
    for (const stream of this.streams.values()) {
      stream.run?.follower.stop();
      stream.run = undefined;
      stream.writer.dispose();
    }
    this.streams.clear();
    void this.readers.closeAll();
    this.finished.dispose();
  }
}
