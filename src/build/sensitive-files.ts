// The safety layer under every ignore file: paths that must not leave the machine unless an
// ignore file brings them back explicitly with a `!` pattern.

export type SensitiveReason = 'git' | 'env' | 'pem' | 'credentials';

/** JSON files larger than this are not opened to look for keys: credential files are small. */
export const CREDENTIAL_SNIFF_MAX_BYTES = 256 * 1024;

const CREDENTIAL_FILE_NAMES = new Set(['application_default_credentials.json', 'credentials.db', 'access_tokens.db']);

const CREDENTIAL_TYPES = new Set([
  'service_account',
  'authorized_user',
  'external_account',
  'external_account_authorized_user',
  'impersonated_service_account',
  'gdch_service_account',
]);

/** The reason a path is sensitive from its own name alone (not from a parent directory). */
export function sensitiveName(name: string): SensitiveReason | undefined {
  if (name === '.git') return 'git';
  if (name === '.env' || name.startsWith('.env.')) return 'env';
  if (name.toLowerCase().endsWith('.pem')) return 'pem';
  if (CREDENTIAL_FILE_NAMES.has(name)) return 'credentials';
  return undefined;
}

export function mayHoldCredentials(name: string, size: number): boolean {
  return name.toLowerCase().endsWith('.json') && size <= CREDENTIAL_SNIFF_MAX_BYTES;
}

/** Service-account keys, gcloud user credentials, workload identity configs and OAuth client secrets. */
export function looksLikeCredentialJson(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const json = value as Record<string, unknown>;
  if (typeof json.private_key === 'string' && json.private_key.includes('PRIVATE KEY')) return true;
  if (typeof json.type === 'string' && CREDENTIAL_TYPES.has(json.type)) {
    return ['private_key', 'refresh_token', 'credential_source', 'source_credentials', 'client_secret']
      .some((key) => key in json);
  }
  return ['installed', 'web'].some((key) => {
    const client = json[key];
    return typeof client === 'object' && client !== null && 'client_secret' in client;
  });
}
