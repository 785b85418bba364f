import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Small HTTP plumbing shared by the Cloud Storage, Cloud Build and Artifact Registry routes.
 */

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

export class BadJsonError extends Error {}

/** Parses a JSON body; an empty body is `{}`. Throws BadJsonError on malformed input. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req)).toString('utf8').trim();
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BadJsonError(`Invalid JSON payload received. Unexpected token in body: ${text.slice(0, 40)}`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The origin the client used to reach us, so links and upload URLs lead back to the emulator. */
export function originOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

/** Splits a path into decoded segments, keeping `%2F` inside a segment (object names). */
export function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Google's canonical HTTP status for each google.rpc.Code name. */
const HTTP_OF_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/** The error shape of Google's REST APIs (Cloud Build, Artifact Registry). */
export function sendStatusError(res: ServerResponse, status: string, message: string, details: unknown[] = []): void {
  const code = HTTP_OF_STATUS[status] ?? 500;
  sendJson(res, code, { error: { code, message, status, ...(details.length > 0 ? { details } : {}) } });
}
