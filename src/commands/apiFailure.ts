import * as vscode from 'vscode';
import { toApiError } from '../cloud/apiErrors';

/**
 * An API failure as "{what}: {the API's own message}", with a hint for the failures users
 * can act on (quota, permissions); anything that is not an API error passes through.
 */
export function apiFailure(what: string, err: unknown): Error {
  const api = toApiError(err);
  if (!api) return err instanceof Error ? err : new Error(String(err));
  const hint =
    api.status === 'RESOURCE_EXHAUSTED'
      ? vscode.l10n.t(' (quota: request more in the Cloud Console under IAM & Admin > Quotas, or try another region)')
      : api.status === 'PERMISSION_DENIED'
        ? vscode.l10n.t(' (your account needs the Vertex AI User role on this project)')
        : '';
  return new Error(`${what}: ${api.message}${hint}`);
}
