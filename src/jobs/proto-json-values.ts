// Readers for proto3 JSON values as they arrive from files, REST bodies or the emulator:
// int32/int64 may be numbers or decimal strings, and anything may be the wrong type.
// Each reader returns undefined for what it cannot read, so callers skip instead of throwing.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readInt(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? value : undefined;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Same kind of value as `like`, so a fix keeps an int64 string a string and a number a number. */
export function intLike(like: unknown, value: number): number | string {
  return typeof like === 'string' ? String(value) : value;
}
