/** Requests, responses and stored resources in their proto3 JSON form. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy, so a stored resource never aliases what a caller holds. */
export function cloneJson<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}
