/**
 * Collects upload bytes without needless copies: into one buffer of the announced size when
 * there is one (so a 100 MB upload costs 100 MB), else as the socket's own chunks.
 */
export class ByteSink {
  private fixed: Buffer | undefined;
  private readonly parts: Buffer[] = [];
  length = 0;

  constructor(expected: number | undefined) {
    if (expected && expected > 0) this.fixed = Buffer.allocUnsafe(expected);
  }

  append(chunk: Buffer): void {
    if (this.fixed && this.length + chunk.length <= this.fixed.length) {
      chunk.copy(this.fixed, this.length);
    } else {
      if (this.fixed) {
        this.parts.push(this.fixed.subarray(0, this.length));
        this.fixed = undefined;
      }
      this.parts.push(chunk);
    }
    this.length += chunk.length;
  }

  /** The bytes so far, as views; the sink stays usable if storing them fails. */
  chunks(): Buffer[] {
    return this.fixed ? [this.fixed.subarray(0, this.length)] : this.parts.slice();
  }
}

const MAX_PREALLOCATED = 1 << 30;

/** The announced body size from a header value, when it is usable and sane to allocate at once. */
export function announcedSize(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_PREALLOCATED ? n : undefined;
}
