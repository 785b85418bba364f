import type { JsonObject } from './json';

/** google.rpc.Code numbers, the same on both transports. */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type StatusName = keyof typeof Code;

const HTTP_STATUS: Record<StatusName, number> = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
};

export function statusName(code: number): StatusName {
  const found = (Object.keys(Code) as StatusName[]).find((k) => Code[k] === code);
  return found ?? 'UNKNOWN';
}

export function isStatusName(s: string): s is StatusName {
  return Object.prototype.hasOwnProperty.call(Code, s);
}

export interface FieldViolation {
  field: string;
  description: string;
}

const TYPE_PREFIX = 'type.googleapis.com/';

/**
 * An error as the API returns it: a google.rpc.Status. `details` are Any values in proto3
 * JSON form (`{"@type": "type.googleapis.com/google.rpc.BadRequest", ...}`).
 */
export class ApiError extends Error {
  readonly code: number;
  readonly details: JsonObject[];

  constructor(code: number, message: string, details: JsonObject[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  get status(): StatusName {
    return statusName(this.code);
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.status];
  }

  /** google.rpc.Status in proto3 JSON form (as in Operation.error and CustomJob.error). */
  toStatusJson(): JsonObject {
    const out: JsonObject = { code: this.code, message: this.message };
    if (this.details.length) out.details = this.details;
    return out;
  }

  /** The REST error body. */
  toRestJson(): JsonObject {
    const error: JsonObject = { code: this.httpStatus, message: this.message, status: this.status };
    if (this.details.length) error.details = this.details;
    return { error };
  }
}

export function badRequestDetail(fieldViolations: FieldViolation[]): JsonObject {
  return {
    '@type': `${TYPE_PREFIX}google.rpc.BadRequest`,
    fieldViolations: fieldViolations.map((v) => ({ field: v.field, description: v.description })),
  };
}

export function invalidArgument(message: string, fieldViolations?: FieldViolation[]): ApiError {
  return new ApiError(Code.INVALID_ARGUMENT, message, fieldViolations?.length ? [badRequestDetail(fieldViolations)] : []);
}

export function notFound(message: string): ApiError {
  return new ApiError(Code.NOT_FOUND, message);
}

export function alreadyExists(message: string): ApiError {
  return new ApiError(Code.ALREADY_EXISTS, message);
}

export function failedPrecondition(message: string): ApiError {
  return new ApiError(Code.FAILED_PRECONDITION, message);
}

export function permissionDenied(message: string): ApiError {
  return new ApiError(Code.PERMISSION_DENIED, message);
}

export function unauthenticated(
  message = 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
): ApiError {
  return new ApiError(Code.UNAUTHENTICATED, message);
}

export function unavailable(message = 'The service is currently unavailable.'): ApiError {
  return new ApiError(Code.UNAVAILABLE, message);
}

export function deadlineExceeded(message = 'Deadline exceeded.'): ApiError {
  return new ApiError(Code.DEADLINE_EXCEEDED, message);
}

/** RESOURCE_EXHAUSTED with a google.rpc.QuotaFailure naming the quota, as quota errors carry. */
export function resourceExhausted(message: string, quotaSubject?: string): ApiError {
  const details: JsonObject[] = quotaSubject
    ? [{ '@type': `${TYPE_PREFIX}google.rpc.QuotaFailure`, violations: [{ subject: quotaSubject, description: message }] }]
    : [];
  return new ApiError(Code.RESOURCE_EXHAUSTED, message, details);
}

export function unimplemented(message: string): ApiError {
  return new ApiError(Code.UNIMPLEMENTED, message);
}

export function internal(message: string): ApiError {
  return new ApiError(Code.INTERNAL, message);
}

/** Anything thrown by a handler becomes an ApiError; non-API errors are INTERNAL. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return internal(e instanceof Error ? e.message : String(e));
}
