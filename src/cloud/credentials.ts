import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthClient } from 'google-auth-library';
import { gcloudConfigDir } from './gcloudConfig';
import { loadAuth } from './googleLibs';

const SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];
const LOGIN_HINT = 'Run "gcloud auth application-default login", or use the Sign In command.';

type Env = Record<string, string | undefined>;

/** Where Application Default Credentials come from, in the order the Google libraries look. */
export type AdcSource =
  | { kind: 'file'; origin: 'GOOGLE_APPLICATION_CREDENTIALS' | 'gcloud'; path: string }
  | { kind: 'metadata' };

/**
 * google-auth-library looks for gcloud's file under ~/.config/gcloud only; gcloud itself
 * honours CLOUDSDK_CONFIG, so the extension resolves that file first.
 */
export function findAdcSource(env: Env = process.env, home?: string): AdcSource {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) {
    return { kind: 'file', origin: 'GOOGLE_APPLICATION_CREDENTIALS', path: env.GOOGLE_APPLICATION_CREDENTIALS };
  }
  const gcloudFile = join(gcloudConfigDir(env, home), 'application_default_credentials.json');
  if (existsSync(gcloudFile)) return { kind: 'file', origin: 'gcloud', path: gcloudFile };
  return { kind: 'metadata' };
}

export type CredentialProblemReason = 'signed-out' | 'expired' | 'network' | 'invalid-file' | 'impersonation' | 'unknown';

export interface CredentialProblem {
  reason: CredentialProblemReason;
  /** What happened and what to do; never contains a token or a file's contents. */
  message: string;
}

export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(readonly problem: CredentialProblem) {
    super(problem.message);
  }
}

export function classifyCredentialError(err: unknown, source?: AdcSource): CredentialProblem {
  const e = (err ?? {}) as { message?: unknown; code?: unknown; response?: { data?: { error?: unknown } } };
  const text = `${String(e.message ?? err)} ${String(e.response?.data?.error ?? '')}`;
  const code = String(e.code ?? '');
  if (/Could not load the default credentials|Unable to find credentials/i.test(text)) {
    return { reason: 'signed-out', message: `You are not signed in to Google Cloud. ${LOGIN_HINT}` };
  }
  if (/invalid_grant|invalid_rapt|reauth/i.test(text)) {
    return { reason: 'expired', message: `Your Google Cloud sign-in has expired. ${LOGIN_HINT}` };
  }
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH/.test(`${code} ${text}`)) {
    return { reason: 'network', message: `Google Cloud could not be reached to check your credentials (${code || 'network error'}). Check your network or proxy, then retry.` };
  }
  if (/iamcredentials|impersonat|serviceAccountTokenCreator/i.test(text)) {
    return {
      reason: 'impersonation',
      message: 'Service account impersonation failed: your account needs roles/iam.serviceAccountTokenCreator on the service account in vertexAI.impersonateServiceAccount.',
    };
  }
  if (source?.kind === 'file' && /ENOENT|JSON|Unexpected token|parse|The incoming JSON object does not contain/i.test(text)) {
    const where = source.origin === 'GOOGLE_APPLICATION_CREDENTIALS' ? 'the file GOOGLE_APPLICATION_CREDENTIALS points to' : "gcloud's application-default credentials file";
    return { reason: 'invalid-file', message: `The credentials in ${where} (${source.path}) could not be used. Fix or remove it, then sign in again.` };
  }
  const first = text.split('\n', 1)[0].trim();
  return { reason: 'unknown', message: `Checking Google Cloud credentials failed: ${first}` };
}

export interface CredentialOptions {
  env?: Env;
  home?: string;
  /** vertexAI.impersonateServiceAccount */
  impersonateServiceAccount?: string;
  /** vertexAI.quotaProject, else the one in the credentials. */
  quotaProject?: string;
}

export interface Credentials {
  authClient: AuthClient;
  source: AdcSource;
  quotaProject?: string;
}

/**
 * Finds Application Default Credentials and proves they work by fetching an access token,
 * before any API client is created: a client created without credentials rejects its call
 * and also raises a second, unhandled rejection.
 */
export async function loadCredentials(options: CredentialOptions = {}): Promise<Credentials> {
  const source = findAdcSource(options.env ?? process.env, options.home);
  try {
    const { GoogleAuth, Impersonated } = loadAuth();
    const auth = new GoogleAuth({ scopes: SCOPES, ...(source.kind === 'file' && source.origin === 'gcloud' ? { keyFile: source.path } : {}) });
    const base = await auth.getClient();
    let authClient: AuthClient = base;
    if (options.impersonateServiceAccount) {
      authClient = new Impersonated({ sourceClient: base, targetPrincipal: options.impersonateServiceAccount, targetScopes: SCOPES, lifetime: 3600 });
    }
    const quotaProject = options.quotaProject || base.quotaProjectId || undefined;
    if (quotaProject) authClient.quotaProjectId = quotaProject;
    await authClient.getAccessToken();
    return { authClient, source, quotaProject };
  } catch (err) {
    throw new CredentialError(classifyCredentialError(err, source));
  }
}
