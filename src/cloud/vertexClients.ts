import type { Connection } from './connection';
import { resolveEndpoint } from './endpoints';
import type { AiplatformModule } from './googleLibs';
import { loadAiplatform } from './googleLibs';

type ClientName = keyof AiplatformModule['clients'];
type ClientOf<N extends ClientName> = InstanceType<AiplatformModule['clients'][N]>;

/**
 * gax client options for one Vertex AI endpoint. A local endpoint (the emulator) gets an
 * insecure channel, or plain HTTP for REST, and no real credentials.
 */
export function aiplatformClientOptions(conn: Connection, lib: Pick<AiplatformModule, 'grpcCredentials' | 'OAuth2Client'>): Record<string, unknown> {
  const endpoint = resolveEndpoint('aiplatform', conn.region, conn.overrides);
  const base = { apiEndpoint: endpoint.host, port: endpoint.port, universeDomain: 'googleapis.com' };
  if (conn.transport === 'rest') {
    return {
      ...base,
      fallback: true,
      protocol: endpoint.protocol,
      authClient: endpoint.local ? localTokenClient(lib) : requireAuth(conn),
    };
  }
  if (endpoint.local) return { ...base, sslCreds: lib.grpcCredentials.createInsecure() };
  return { ...base, authClient: requireAuth(conn) };
}

function requireAuth(conn: Connection): NonNullable<Connection['authClient']> {
  if (!conn.authClient) throw new Error('Internal error: a Google Cloud endpoint was used without checked credentials.');
  return conn.authClient;
}

/** The REST fallback insists on an auth client; the emulator ignores the token it sends. */
function localTokenClient(lib: Pick<AiplatformModule, 'OAuth2Client'>): InstanceType<AiplatformModule['OAuth2Client']> {
  const client = new lib.OAuth2Client();
  client.setCredentials({ access_token: 'local-emulator', expiry_date: Date.now() + 24 * 3600 * 1000 });
  return client;
}

/** Vertex AI clients for one connection, created on first use and closed together. */
export class VertexClients {
  private readonly clients = new Map<ClientName, { close(): Promise<void> }>();

  constructor(readonly connection: Connection) {}

  jobs(): ClientOf<'JobServiceClient'> {
    return this.get('JobServiceClient');
  }
  models(): ClientOf<'ModelServiceClient'> {
    return this.get('ModelServiceClient');
  }
  endpoints(): ClientOf<'EndpointServiceClient'> {
    return this.get('EndpointServiceClient');
  }
  prediction(): ClientOf<'PredictionServiceClient'> {
    return this.get('PredictionServiceClient');
  }
  datasets(): ClientOf<'DatasetServiceClient'> {
    return this.get('DatasetServiceClient');
  }
  pipelines(): ClientOf<'PipelineServiceClient'> {
    return this.get('PipelineServiceClient');
  }

  async close(): Promise<void> {
    const open = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(open.map((c) => c.close()));
  }

  private get<N extends ClientName>(name: N): ClientOf<N> {
    let client = this.clients.get(name);
    if (!client) {
      const lib = loadAiplatform();
      const Client = lib.clients[name] as unknown as new (options: Record<string, unknown>) => ClientOf<N>;
      client = new Client(aiplatformClientOptions(this.connection, lib));
      this.clients.set(name, client);
    }
    return client as ClientOf<N>;
  }
}
