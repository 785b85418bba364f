// One shape for Google API errors, whichever transport raised them. Over gRPC, google-gax
// gives a numeric gRPC code; over its REST fallback (gax 5), errors surface as GaxiosError
// with the HTTP status on `code` and the API's JSON error in the response body.

export const GRPC_STATUS = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
] as const;
export type GrpcStatus = (typeof GRPC_STATUS)[number];

const HTTP_TO_STATUS: Record<number, GrpcStatus> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED',
  412: 'FAILED_PRECONDITION', 416: 'OUT_OF_RANGE', 429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL',
  501: 'UNIMPLEMENTED', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export interface ApiError {
  status: GrpcStatus;
  code: number;
  message: string;
  /** google.rpc error details in proto3 JSON (`@type` keys), when the API sent any. */
  details: Record<string, unknown>[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function statusOf(name: unknown): GrpcStatus | undefined {
  return typeof name === 'string' && (GRPC_STATUS as readonly string[]).includes(name) ? (name as GrpcStatus) : undefined;
}

function parseBody(data: unknown): Record<string, unknown> | undefined {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  return isRecord(data) && isRecord(data.error) ? data.error : undefined;
}

/** Returns undefined for things that are not API errors (programming errors, cancellations). */
export function toApiError(err: unknown): ApiError | undefined {
  if (!isRecord(err)) return undefined;
  const response = isRecord(err.response) ? err.response : undefined;
  const body = parseBody(response?.data) ?? parseBody(typeof err.message === 'string' && err.message.startsWith('{') ? err.message : undefined);
  if (body) {
    const status = statusOf(body.status) ?? HTTP_TO_STATUS[Number(body.code)] ?? 'UNKNOWN';
    const details = Array.isArray(body.details) ? body.details.filter(isRecord) : [];
    return { status, code: GRPC_STATUS.indexOf(status), message: String(body.message ?? ''), details };
  }
  if (typeof err.code === 'string' && NETWORK_CODES.has(err.code)) {
    return { status: 'UNAVAILABLE', code: 14, message: String(err.message ?? err.code), details: [] };
  }
  if (typeof err.code === 'number' && Number.isInteger(err.code) && err.code >= 0 && err.code < GRPC_STATUS.length && 'details' in err) {
    const status = GRPC_STATUS[err.code];
    const details = Array.isArray(err.statusDetails) ? err.statusDetails.filter(isRecord).map((d) => ({ '@type': `type.googleapis.com/${String(d.constructor?.name ?? '')}`, ...d })) : [];
    // gax prefixes the message with "<code> <STATUS>: ".
    const message = String(err.details ?? err.message ?? '').replace(/^\d+ [A-Z_]+: /, '');
    return { status, code: err.code, message, details };
  }
  if (typeof err.code === 'number' && HTTP_TO_STATUS[err.code]) {
    const status = HTTP_TO_STATUS[err.code];
    return { status, code: GRPC_STATUS.indexOf(status), message: String(err.message ?? ''), details: [] };
  }
  return undefined;
}
