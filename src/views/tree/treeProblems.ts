// What a failed list call means for a tree, decided without VS Code: the views show it as
// nodes with the action that fixes it (never as a toast from getChildren).
import { toApiError } from '../../cloud/apiErrors';

export type TreeProblem =
  | { kind: 'sign-in'; message: string }
  | { kind: 'permission-denied'; message: string }
  | { kind: 'api-disabled'; message: string; activationUrl?: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'error'; message: string };

function detailValue(details: Record<string, unknown>[], key: string): string | undefined {
  for (const d of details) {
    if (typeof d[key] === 'string') return d[key] as string;
    const metadata = d.metadata;
    if (metadata && typeof metadata === 'object' && typeof (metadata as Record<string, unknown>)[key] === 'string') {
      return (metadata as Record<string, string>)[key];
    }
  }
  return undefined;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : String(err);
}

export function classifyTreeError(err: unknown): TreeProblem {
  const api = toApiError(err);
  if (!api) return { kind: 'error', message: errorText(err) };
  const message = api.message || api.status;
  const disabled =
    detailValue(api.details, 'reason') === 'SERVICE_DISABLED' || /has not been used in project|it is disabled|API is not enabled/i.test(message);
  if (disabled) {
    const activationUrl = detailValue(api.details, 'activationUrl') ?? /https:\/\/\S+/.exec(message)?.[0]?.replace(/[.,)]+$/, '');
    return activationUrl ? { kind: 'api-disabled', message, activationUrl } : { kind: 'api-disabled', message };
  }
  switch (api.status) {
    case 'UNAUTHENTICATED':
      return { kind: 'sign-in', message };
    case 'PERMISSION_DENIED':
      return { kind: 'permission-denied', message };
    case 'UNAVAILABLE':
    case 'DEADLINE_EXCEEDED':
      return { kind: 'unreachable', message };
    default:
      return { kind: 'error', message: `${api.status}: ${message}` };
  }
}
