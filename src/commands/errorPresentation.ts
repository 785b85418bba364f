// How a failed command is shown, decided without VS Code so it can be unit tested:
// a cancellation is silent, a short one-line error is a notification, anything longer
// goes to the log with a "see output" notification.

export type ErrorPresentation =
  | { kind: 'silent' }
  | { kind: 'notify'; message: string }
  | { kind: 'log'; summary: string; details: string };

const MAX_NOTIFICATION_LENGTH = 200;

export function isCancellation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  return e.name === 'Canceled' || e.name === 'CancellationError' || e.name === 'AbortError' || e.code === 'ABORT_ERR';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

export function presentError(err: unknown): ErrorPresentation {
  if (isCancellation(err)) return { kind: 'silent' };
  const message = errorMessage(err).trim() || 'An unknown error occurred.';
  const firstLine = message.split('\n', 1)[0];
  if (!message.includes('\n') && message.length <= MAX_NOTIFICATION_LENGTH) return { kind: 'notify', message };
  const summary = firstLine.length > MAX_NOTIFICATION_LENGTH ? `${firstLine.slice(0, MAX_NOTIFICATION_LENGTH - 1)}…` : firstLine;
  const stack = err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return { kind: 'log', summary, details: message + stack };
}
