import type { Connection } from './connection';
import { resolveEndpoint } from './endpoints';
import type { LoggingModule } from './googleLibs';
import { loadLogging } from './googleLibs';

/** One Cloud Logging entry of a job, reduced to what a log view shows. */
export interface LogRecord {
  insertId: string;
  /** RFC3339 in UTC with nine fractional digits, so string order is time order. */
  timestamp: string;
  severity: string;
  /** `resource.labels.task_name`: the replica (`workerpool0-0`) or `service`. */
  task: string;
  message: string;
}

/**
 * A LogEntry as the transport decoded it; toLogRecord reduces it. Readers hand these over
 * unconverted, so that converting tens of thousands of them can be spread over many turns of
 * the event loop instead of running inside the stream's data handler.
 */
export type RawLogEntry = unknown;

export interface LogPage {
  entries: readonly RawLogEntry[];
  nextPageToken?: string;
}

export interface ListRequest {
  filter: string;
  orderBy: 'timestamp asc' | 'timestamp desc';
  pageSize: number;
  pageToken?: string;
}

export interface TailCallbacks {
  entries(entries: readonly RawLogEntry[]): void;
  /** The stream ended: with the error that ended it, or none when the server closed it. */
  ended(error?: unknown): void;
}

export interface TailHandle {
  cancel(): void;
}

/** Reading a project's log entries: pages of `entries.list`, and TailLogEntries where the transport has it. */
export interface LogReader {
  /** False on the REST transport: gax's fallback has no bidirectional streams. */
  readonly canTail: boolean;
  list(request: ListRequest): Promise<LogPage>;
  tail(filter: string, callbacks: TailCallbacks): TailHandle;
  close(): Promise<void>;
}

/** The filter gcloud's `ai custom-jobs stream-logs` uses, optionally narrowed to one replica. */
export function jobLogFilter(jobId: string, task?: string): string {
  const parts = ['resource.type="ml_job"', `resource.labels.job_id="${jobId}"`];
  if (task) parts.push(`resource.labels.task_name="${task.replace(/["\\]/g, '\\$&')}"`);
  return parts.join(' AND ');
}

export function loggingClientOptions(conn: Connection, lib: Pick<LoggingModule, 'grpcCredentials' | 'OAuth2Client'>): Record<string, unknown> {
  const endpoint = resolveEndpoint('logging', conn.region, conn.overrides);
  const base = { apiEndpoint: endpoint.host, port: endpoint.port, universeDomain: 'googleapis.com' };
  if (conn.transport === 'rest') {
    return { ...base, fallback: true, protocol: endpoint.protocol, authClient: endpoint.local ? localTokenClient(lib) : requireAuth(conn) };
  }
  if (endpoint.local) return { ...base, sslCreds: lib.grpcCredentials.createInsecure() };
  return { ...base, authClient: requireAuth(conn) };
}

function requireAuth(conn: Connection): NonNullable<Connection['authClient']> {
  if (!conn.authClient) throw new Error('Internal error: Cloud Logging was used without checked credentials.');
  return conn.authClient;
}

/** The REST fallback insists on an auth client; the emulator ignores the token it sends. */
function localTokenClient(lib: Pick<LoggingModule, 'OAuth2Client'>): InstanceType<LoggingModule['OAuth2Client']> {
  const client = new lib.OAuth2Client();
  client.setCredentials({ access_token: 'local-emulator', expiry_date: Date.now() + 24 * 3600 * 1000 });
  return client;
}

export interface LogReaderOptions {
  /**
   * TailLogEntries holds entries this long to send them in order; the API's default is 2 s.
   * Entries that arrive out of order anyway are still shown once (the follower dedupes).
   */
  bufferWindowMs?: number;
}

export function createLogReader(conn: Connection, options: LogReaderOptions = {}): LogReader {
  const lib = loadLogging();
  // gax reads `port`, `sslCreds` and `universeDomain`, which its ClientOptions type lacks.
  const client = new lib.LoggingServiceV2Client(loggingClientOptions(conn, lib) as ConstructorParameters<LoggingModule['LoggingServiceV2Client']>[0]);
  const resourceNames = [`projects/${conn.project}`];
  const bufferWindowMs = options.bufferWindowMs ?? 1000;
  return {
    canTail: conn.transport !== 'rest',
    async list(request) {
      const [entries, , response] = await client.listLogEntries({ resourceNames, ...request }, { autoPaginate: false });
      return { entries, nextPageToken: response?.nextPageToken || undefined };
    },
    tail(filter, callbacks) {
      const stream = client.tailLogEntries();
      let open = true;
      const end = (error?: unknown): void => {
        if (!open) return;
        open = false;
        callbacks.ended(error);
      };
      stream.on('data', (response: { entries?: unknown[] | null }) => {
        if (open && response.entries && response.entries.length > 0) callbacks.entries(response.entries);
      });
      stream.on('error', (err: unknown) => end(err));
      stream.on('end', () => end());
      stream.write({ resourceNames, filter, bufferWindow: { seconds: Math.floor(bufferWindowMs / 1000), nanos: (bufferWindowMs % 1000) * 1e6 } });
      return {
        cancel() {
          open = false;
          stream.cancel();
        },
      };
    },
    close: () => client.close(),
  };
}

type Raw = Record<string, unknown>;

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null;
}

/**
 * Entries arrive as protobuf.js objects on both transports (Timestamp `{seconds, nanos}`, Struct
 * `{fields}`); proto3 JSON (RFC3339 strings, plain objects) is accepted too.
 */
export function toLogRecord(raw: unknown): LogRecord {
  const e = isRecord(raw) ? raw : {};
  const resource = isRecord(e.resource) ? e.resource : {};
  const labels = isRecord(resource.labels) ? resource.labels : {};
  return {
    insertId: String(e.insertId ?? ''),
    timestamp: timestampText(e.timestamp) ?? timestampText(e.receiveTimestamp) ?? '1970-01-01T00:00:00.000000000Z',
    severity: severityName(e.severity),
    task: String(labels.task_name ?? ''),
    message: messageOf(e),
  };
}

const SEVERITY_BY_NUMBER: Record<number, string> = { 0: 'DEFAULT', 100: 'DEBUG', 200: 'INFO', 300: 'NOTICE', 400: 'WARNING', 500: 'ERROR', 600: 'CRITICAL', 700: 'ALERT', 800: 'EMERGENCY' };

function severityName(value: unknown): string {
  if (typeof value === 'number') return SEVERITY_BY_NUMBER[value] ?? 'DEFAULT';
  return typeof value === 'string' && value ? value.toUpperCase() : 'DEFAULT';
}

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` from a protobuf Timestamp or an RFC3339 string. */
export function timestampText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/i.exec(value);
    if (m) return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z`;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}000000Z`;
  }
  if (!isRecord(value) || value.seconds === undefined || value.seconds === null) return undefined;
  const seconds = Number(String(value.seconds));
  if (!Number.isFinite(seconds)) return undefined;
  return `${secondsText(seconds)}.${String(Number(value.nanos ?? 0)).padStart(9, '0')}Z`;
}

// Entries of one batch mostly share their second; formatting a Date for each was the hot spot.
let lastSeconds = NaN;
let lastSecondsText = '';
function secondsText(seconds: number): string {
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastSecondsText = new Date(seconds * 1000).toISOString().slice(0, 19);
  }
  return lastSecondsText;
}

function messageOf(e: Raw): string {
  if (typeof e.textPayload === 'string') return e.textPayload;
  if (isRecord(e.jsonPayload)) {
    const json = structValue(e.jsonPayload);
    if (isRecord(json)) {
      if (typeof json.message === 'string') return json.message;
      return JSON.stringify(json);
    }
  }
  if (isRecord(e.protoPayload)) return JSON.stringify(e.protoPayload);
  return '';
}

/** google.protobuf.Struct/Value as protobuf.js gives them, back to plain JSON; plain JSON passes through. */
function structValue(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if (isRecord(value.fields)) {
    return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, valueOf(v)]));
  }
  return value;
}

function valueOf(v: unknown): unknown {
  if (!isRecord(v)) return v;
  // protobuf.js names the set member of the `kind` oneof.
  if (typeof v.kind === 'string' && v.kind in v) return v.kind === 'structValue' || v.kind === 'listValue' ? valueOf({ [v.kind]: v[v.kind] }) : v.kind === 'nullValue' ? null : v[v.kind];
  if ('stringValue' in v && v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if ('numberValue' in v && v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if ('boolValue' in v && v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  if ('structValue' in v && isRecord(v.structValue)) return structValue(v.structValue);
  if ('listValue' in v && isRecord(v.listValue)) return Array.isArray(v.listValue.values) ? v.listValue.values.map(valueOf) : [];
  if ('nullValue' in v) return null;
  return undefined;
}
