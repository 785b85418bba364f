// The projects the user can see, for the project switch: Resource Manager v3 searchProjects
// through the official client, over gRPC or its REST fallback like the Vertex AI clients.
import type { ApiError } from './apiErrors';
import { toApiError } from './apiErrors';
import type { Connection } from './connection';
import { CredentialError, loadCredentials } from './credentials';
import { resolveEndpoint } from './endpoints';
import type { ResourceManagerModule } from './googleLibs';
import { loadResourceManager } from './googleLibs';
import type { SessionSettings } from './session';

export interface ProjectSummary {
  projectId: string;
  displayName: string;
}

export interface ProjectList {
  /** ACTIVE projects, sorted by project ID. */
  projects: ProjectSummary[];
  /** The user can see more projects than `cap`; the rest are not listed. */
  truncated: boolean;
}

/** What listing needs: no project or region, since listing is how one gets chosen. */
export type ProjectAccess = Pick<Connection, 'transport' | 'overrides' | 'authClient'>;

export type ProjectListProblem = 'sign-in' | 'permission-denied' | 'api-disabled' | 'unreachable' | 'error';

export class ProjectListError extends Error {
  override readonly name = 'ProjectListError';
  constructor(
    readonly problem: ProjectListProblem,
    message: string,
    readonly api?: ApiError,
    /** For 'api-disabled': where the user enables the API. */
    readonly enableUrl?: string,
  ) {
    super(message);
  }
}

export const PROJECT_LIST_CAP = 500;
const PAGE_SIZE = 500;
// The library's default is a minute; a picker that waits that long is worse than typing the ID.
const CALL_TIMEOUT_MS = 20_000;

/** Credentials for listing when there is no session yet (no project chosen). */
export async function openProjectAccess(settings: SessionSettings, env: Record<string, string | undefined> = process.env, home?: string): Promise<ProjectAccess> {
  const overrides = settings.endpointOverrides ?? {};
  const transport = settings.transport ?? 'grpc';
  if (resolveEndpoint('resourcemanager', '', overrides).local) return { transport, overrides };
  try {
    const creds = await loadCredentials({ env, home, impersonateServiceAccount: settings.impersonateServiceAccount, quotaProject: settings.quotaProject });
    return { transport, overrides, authClient: creds.authClient };
  } catch (err) {
    if (err instanceof CredentialError) throw new ProjectListError('sign-in', err.problem.message);
    throw err;
  }
}

export function projectsClientOptions(access: ProjectAccess, lib: Pick<ResourceManagerModule, 'grpcCredentials' | 'OAuth2Client'>): Record<string, unknown> {
  const endpoint = resolveEndpoint('resourcemanager', '', access.overrides);
  if (!endpoint.local && !access.authClient) {
    throw new ProjectListError('sign-in', 'Sign in to Google Cloud to list your projects.');
  }
  const base = { apiEndpoint: endpoint.host, port: endpoint.port, universeDomain: 'googleapis.com' };
  if (access.transport === 'rest') {
    return { ...base, fallback: true, protocol: endpoint.protocol, authClient: endpoint.local ? localTokenClient(lib) : access.authClient };
  }
  return endpoint.local ? { ...base, sslCreds: lib.grpcCredentials.createInsecure() } : { ...base, authClient: access.authClient };
}

/** The REST fallback insists on an auth client; the emulator ignores the token it sends. */
function localTokenClient(lib: Pick<ResourceManagerModule, 'OAuth2Client'>): InstanceType<ResourceManagerModule['OAuth2Client']> {
  const client = new lib.OAuth2Client();
  client.setCredentials({ access_token: 'local-emulator', expiry_date: Date.now() + 24 * 3600 * 1000 });
  return client;
}

type ProjectsClient = InstanceType<ResourceManagerModule['ProjectsClient']>;

/**
 * Lists projects through one ProjectsClient, created on the first listing and reused until
 * close(): creating a client parses its descriptor set and opens a channel.
 */
export class ProjectLister {
  private client: ProjectsClient | undefined;

  constructor(
    readonly access: ProjectAccess,
    private readonly lib: () => ResourceManagerModule = loadResourceManager,
  ) {}

  /**
   * Up to `cap` ACTIVE projects, sorted by ID. Beyond the cap the list says it is truncated
   * rather than paging on: someone who sees that many projects types the ID.
   */
  async list(cap = PROJECT_LIST_CAP): Promise<ProjectList> {
    const client = this.client ?? this.open();
    const projects: ProjectSummary[] = [];
    let truncated = false;
    try {
      let pageToken = '';
      do {
        const [page, , response] = await client.searchProjects(
          { query: 'state:ACTIVE', pageSize: Math.min(PAGE_SIZE, cap - projects.length + 1), pageToken },
          { autoPaginate: false, timeout: CALL_TIMEOUT_MS },
        );
        for (const p of page) {
          if (p.projectId && p.state === 'ACTIVE') projects.push({ projectId: p.projectId, displayName: p.displayName ?? '' });
        }
        pageToken = response?.nextPageToken ?? '';
        if (projects.length > cap || (projects.length === cap && pageToken)) {
          truncated = true;
          break;
        }
      } while (pageToken);
    } catch (err) {
      throw asListError(err);
    }
    projects.sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
    return { projects: projects.slice(0, cap), truncated };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined);
  }

  private open(): ProjectsClient {
    const lib = this.lib();
    type Options = ConstructorParameters<ResourceManagerModule['ProjectsClient']>[0];
    this.client = new lib.ProjectsClient(projectsClientOptions(this.access, lib) as Options);
    return this.client;
  }
}

function asListError(err: unknown): unknown {
  const api = toApiError(err);
  if (!api) return err;
  const message = api.message || api.status;
  const reason = api.details.map((d) => d.reason).find((r) => typeof r === 'string');
  if (reason === 'SERVICE_DISABLED' || /has not been used in project|it is disabled|API is not enabled/i.test(message)) {
    return new ProjectListError('api-disabled', message, api, enableApiUrl(api));
  }
  const problem: ProjectListProblem =
    api.status === 'UNAUTHENTICATED' ? 'sign-in'
    : api.status === 'PERMISSION_DENIED' ? 'permission-denied'
    : api.status === 'UNAVAILABLE' || api.status === 'DEADLINE_EXCEEDED' ? 'unreachable'
    : 'error';
  return new ProjectListError(problem, problem === 'error' ? `${api.status}: ${message}` : message, api);
}

const RESOURCE_MANAGER_LIBRARY_PAGE = 'https://console.cloud.google.com/apis/library/cloudresourcemanager.googleapis.com';

/**
 * Google's SERVICE_DISABLED errors carry the page that enables the API for the caller's
 * project: in ErrorInfo's metadata, as a Help link, and in the message. Without any of them,
 * the API's page in the library.
 */
export function enableApiUrl(api: ApiError): string {
  const https = (v: unknown): v is string => typeof v === 'string' && v.startsWith('https://');
  for (const detail of api.details) {
    const metadata = detail.metadata as Record<string, unknown> | undefined;
    if (https(metadata?.activationUrl)) return metadata.activationUrl;
  }
  for (const detail of api.details) {
    const links = Array.isArray(detail.links) ? (detail.links as Record<string, unknown>[]) : [];
    const link = links.find((l) => https(l?.url));
    if (link) return link.url as string;
  }
  return /https:\/\/\S+/.exec(api.message)?.[0].replace(/[.,;)]+$/, '') ?? RESOURCE_MANAGER_LIBRARY_PAGE;
}
