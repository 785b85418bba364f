import { invalidArgument } from '../core/errors';
import type { ApiError, FieldViolation } from '../core/errors';
import type { JsonObject, JsonValue } from '../core/json';
import { isJsonObject } from '../core/json';

export const REQUIRED = 'Required field is not set.';

/**
 * Vertex AI's request-validation error: every problem in one INVALID_ARGUMENT, worded
 * "List of found errors:\t1.Field: x; Message: y\t", with the same list as BadRequest details.
 */
export function fieldErrors(violations: FieldViolation[]): ApiError {
  const text = violations.map((v, i) => `${i + 1}.Field: ${v.field}; Message: ${v.description}\t`).join('');
  return invalidArgument(`List of found errors:\t${text}`, violations);
}

export function requiredField(field: string): ApiError {
  return fieldErrors([{ field, description: REQUIRED }]);
}

/** Throws the validation error when any violation was collected. */
export function throwIfAny(violations: FieldViolation[]): void {
  if (violations.length > 0) throw fieldErrors(violations);
}

export function isSet(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function objectAt(value: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function stringAt(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** FieldMask paths in either proto3 JSON form (a comma-separated string) or `{paths: [...]}`, snake_case. */
export function maskPaths(mask: JsonValue | undefined): string[] {
  const raw = typeof mask === 'string' ? mask.split(',') : isJsonObject(mask) && Array.isArray(mask.paths) ? mask.paths.map(String) : [];
  return raw.map((p) => p.trim().replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).filter((p) => p !== '');
}

export function snakeToCamel(path: string): string {
  return path.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
