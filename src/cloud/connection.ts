import type { AuthClient } from 'google-auth-library';
import type { EndpointOverrides } from './endpoints';

export type Transport = 'grpc' | 'rest';

/** Everything needed to talk to Google Cloud for one project and region. */
export interface Connection {
  project: string;
  region: string;
  /** vertexAI.transport: gRPC (default) or the libraries' REST fallback. */
  transport: Transport;
  /** vertexAI.endpointOverrides */
  overrides: EndpointOverrides;
  /** Checked credentials; absent only when every endpoint is a local override (the emulator). */
  authClient?: AuthClient;
}

export function locationName(conn: Pick<Connection, 'project' | 'region'>): string {
  return `projects/${conn.project}/locations/${conn.region}`;
}
