import type { Connection, Transport } from './connection';
import { CredentialError, loadCredentials } from './credentials';
import type { CredentialProblemReason } from './credentials';
import type { EndpointOverrides } from './endpoints';
import { EndpointError, needsCredentials } from './endpoints';
import { readGcloudDefaults } from './gcloudConfig';

/** The extension's settings that decide how to connect (vertexAI.*). */
export interface SessionSettings {
  project?: string;
  region?: string;
  transport?: Transport;
  endpointOverrides?: EndpointOverrides;
  impersonateServiceAccount?: string;
  quotaProject?: string;
}

export type SessionState =
  | { kind: 'ready'; connection: Connection; projectFrom: 'settings' | 'gcloud'; regionFrom: 'settings' | 'gcloud' | 'default'; local: boolean }
  | { kind: 'no-project'; message: string }
  | { kind: 'credentials'; reason: CredentialProblemReason; message: string }
  | { kind: 'bad-settings'; message: string };

export const DEFAULT_REGION = 'us-central1';

type Env = Record<string, string | undefined>;

/**
 * Resolves project and region (settings, then gcloud's active configuration) and checks
 * credentials, unless every endpoint is local. Never throws: every outcome is a state the
 * views can show with the action that fixes it.
 */
export async function openSession(settings: SessionSettings, env: Env = process.env, home?: string): Promise<SessionState> {
  const gcloud = readGcloudDefaults(env, home);
  const project = settings.project?.trim() || gcloud.project;
  const region = settings.region?.trim() || gcloud.region || DEFAULT_REGION;
  const overrides = settings.endpointOverrides ?? {};
  if (!project) {
    return {
      kind: 'no-project',
      message: 'No Google Cloud project is set. Choose one, set vertexAI.project, or run "gcloud config set project PROJECT_ID".',
    };
  }
  let local: boolean;
  try {
    local = !needsCredentials(region, overrides);
  } catch (err) {
    if (err instanceof EndpointError) return { kind: 'bad-settings', message: err.message };
    throw err;
  }
  const base = { project, region, transport: settings.transport ?? 'grpc', overrides } as const;
  const sources = {
    projectFrom: settings.project?.trim() ? 'settings' : 'gcloud',
    regionFrom: settings.region?.trim() ? 'settings' : gcloud.region ? 'gcloud' : 'default',
  } as const;
  if (local) return { kind: 'ready', connection: { ...base }, ...sources, local };
  try {
    const creds = await loadCredentials({ env, home, impersonateServiceAccount: settings.impersonateServiceAccount, quotaProject: settings.quotaProject });
    return { kind: 'ready', connection: { ...base, authClient: creds.authClient }, ...sources, local };
  } catch (err) {
    if (err instanceof CredentialError) return { kind: 'credentials', reason: err.problem.reason, message: err.problem.message };
    throw err;
  }
}
