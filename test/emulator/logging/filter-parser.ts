/**
 * The Cloud Logging query language, parsed into a tree. Its precedence is not the usual one:
 * NOT binds tightest, then OR, then AND (also written as juxtaposition or a newline), so
 * `a OR NOT b AND NOT c OR d` means `(a OR (NOT b)) AND ((NOT c) OR d)`. AND, OR and NOT are
 * keywords only in capitals.
 */
export type CompareOp = '=' | '!=' | ':' | '<' | '<=' | '>' | '>=' | '=~' | '!~';

export type ValueNode =
  | { kind: 'value'; text: string; quoted: boolean }
  | { kind: 'and' | 'or'; items: ValueNode[] }
  | { kind: 'not'; item: ValueNode };

export type FilterNode =
  | { kind: 'and' | 'or'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | { kind: 'text'; text: string }
  | { kind: 'compare'; path: string[]; op: CompareOp; value: ValueNode }
  | { kind: 'call'; name: string; args: string[][] };

export class FilterSyntaxError extends Error {}

// Longest first, so `>=` is not read as `>`.
const OPERATORS: CompareOp[] = ['>=', '<=', '!=', '=~', '!~', '=', '<', '>', ':'];
const WORD_STOP = /[\s()"=!<>:,]/;

/** Parses a filter; an empty or blank filter yields undefined (everything matches). */
export function parseFilter(source: string): FilterNode | undefined {
  const parser = new Parser(source);
  return parser.parseQuery();
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parseQuery(): FilterNode | undefined {
    this.skipWs();
    if (this.pos >= this.src.length) return undefined;
    const node = this.parseAnd();
    this.skipWs();
    if (this.pos < this.src.length) this.fail();
    return node;
  }

  private parseAnd(): FilterNode {
    const items = [this.parseOr()];
    for (;;) {
      this.skipWs();
      if (this.pos >= this.src.length || this.peek() === ')') break;
      this.keyword('AND');
      items.push(this.parseOr());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private parseOr(): FilterNode {
    const items = [this.parseNot()];
    while (this.keyword('OR')) items.push(this.parseNot());
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private parseNot(): FilterNode {
    this.skipWs();
    if (this.keyword('NOT')) return { kind: 'not', item: this.parseNot() };
    if (this.peek() === '-' && /\S/.test(this.src[this.pos + 1] ?? ' ')) {
      this.pos += 1;
      return { kind: 'not', item: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    this.skipWs();
    const c = this.peek();
    if (c === '(') {
      this.pos += 1;
      const node = this.parseAnd();
      this.expect(')');
      return node;
    }
    if (c === '"') return { kind: 'text', text: this.readString() };
    const start = this.pos;
    const path = this.readPath();
    if (this.peek() === '(') return { kind: 'call', name: path.join('.'), args: this.readArgs() };
    const afterPath = this.pos;
    this.skipWs();
    const op = OPERATORS.find((o) => this.src.startsWith(o, this.pos));
    if (!op) {
      this.pos = afterPath;
      return { kind: 'text', text: this.src.slice(start, afterPath) };
    }
    this.pos += op.length;
    return { kind: 'compare', path, op, value: this.parseValue() };
  }

  private parseValue(): ValueNode {
    this.skipWs();
    const c = this.peek();
    if (c === '(') {
      this.pos += 1;
      const node = this.parseValueAnd();
      this.expect(')');
      return node;
    }
    if (c === '"') return { kind: 'value', text: this.readString(), quoted: true };
    const start = this.pos;
    while (this.pos < this.src.length && !/[\s()"]/.test(this.src[this.pos])) this.pos += 1;
    if (this.pos === start) this.fail();
    return { kind: 'value', text: this.src.slice(start, this.pos), quoted: false };
  }

  private parseValueAnd(): ValueNode {
    const items = [this.parseValueOr()];
    for (;;) {
      this.skipWs();
      if (this.pos >= this.src.length || this.peek() === ')') break;
      this.keyword('AND');
      items.push(this.parseValueOr());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private parseValueOr(): ValueNode {
    const items = [this.parseValueNot()];
    while (this.keyword('OR')) items.push(this.parseValueNot());
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private parseValueNot(): ValueNode {
    this.skipWs();
    if (this.keyword('NOT')) return { kind: 'not', item: this.parseValueNot() };
    return this.parseValue();
  }

  /** `resource.labels.job_id`, `labels."a.b"`: dot-separated bare or quoted segments. */
  private readPath(): string[] {
    const segments: string[] = [];
    for (;;) {
      if (this.peek() === '"') {
        segments.push(this.readString());
      } else {
        const start = this.pos;
        while (this.pos < this.src.length && this.src[this.pos] !== '.' && !WORD_STOP.test(this.src[this.pos])) this.pos += 1;
        if (this.pos === start) this.fail();
        segments.push(this.src.slice(start, this.pos));
      }
      if (this.peek() !== '.') return segments;
      this.pos += 1;
    }
  }

  private readArgs(): string[][] {
    this.expect('(');
    const args: string[][] = [];
    this.skipWs();
    if (this.peek() === ')') {
      this.pos += 1;
      return args;
    }
    for (;;) {
      this.skipWs();
      args.push(this.peek() === '"' ? [this.readString()] : this.readPath());
      this.skipWs();
      if (this.peek() === ')') {
        this.pos += 1;
        return args;
      }
      this.expect(',');
    }
  }

  private readString(): string {
    this.expect('"');
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos++];
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.src[this.pos++];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.src.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(this.src.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else if (e !== undefined) out += e;
    }
    this.pos = this.src.length;
    throw new FilterSyntaxError(`Unparseable filter: unterminated string at ${this.where()}`);
  }

  /** Consumes a capitalised keyword that stands alone, e.g. not the start of `ORDER`. */
  private keyword(word: string): boolean {
    this.skipWs();
    if (!this.src.startsWith(word, this.pos)) return false;
    const next = this.src[this.pos + word.length];
    if (next !== undefined && !/[\s("-]/.test(next)) return false;
    this.pos += word.length;
    return true;
  }

  private expect(c: string): void {
    this.skipWs();
    if (this.peek() !== c) this.fail();
    this.pos += 1;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private skipWs(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos += 1;
  }

  private where(): string {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
  }

  private fail(): never {
    const token = this.pos < this.src.length ? this.src.slice(this.pos).split(/\s/)[0] : '<EOF>';
    throw new FilterSyntaxError(`Unparseable filter: syntax error at ${this.where()}, token '${token}'`);
  }
}
