// Docker's .dockerignore semantics, as implemented by moby/patternmatcher and its ignorefile
// reader: Go filepath.Match-style globs plus `**`, `!` exceptions, last match wins, and a
// pattern also matches everything under a directory it matches.

export class IgnorePatternError extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`Invalid ignore pattern "${pattern}": ${reason}`);
    this.name = 'IgnorePatternError';
  }
}

/** Go's filepath.Clean for slash-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Reads an ignore file the way Docker's ignorefile.ReadAll does. */
export function parseIgnoreFile(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? '!' + pattern : pattern);
  }
  return patterns;
}

type MatchKind = 'exact' | 'prefix' | 'suffix' | 'regexp';

const REGEX_ONLY_SPECIALS = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);
const JS_SYNTAX = /[\\^$.*+?()[\]{}|/]/;

class Pattern {
  readonly exclusion: boolean;
  readonly cleaned: string;
  private kind: MatchKind = 'exact';
  private regexp?: RegExp;

  constructor(raw: string) {
    let p = cleanPath(raw.trim());
    this.exclusion = p.startsWith('!');
    if (this.exclusion) {
      if (p.length === 1) throw new IgnorePatternError(raw, 'a lone "!" excludes nothing');
      p = p.slice(1);
    }
    validateGlob(p, raw);
    this.cleaned = p;
    this.compile(raw);
  }

  // Mirrors patternmatcher's compile(): the pattern becomes a regexp unless it is a plain
  // string, a `prefix/**` or a `**suffix`, which are compared as strings.
  private compile(raw: string): void {
    const chars = [...this.cleaned];
    let re = '^';
    let kind: MatchKind = 'exact';
    let inClass = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === '*') {
        if (chars[i + 1] === '*') {
          const atStart = i === 0;
          i++;
          if (chars[i + 1] === '/') i++;
          if (i + 1 >= chars.length) {
            if (kind === 'exact') kind = 'prefix';
            else {
              re += '.*';
              kind = 'regexp';
            }
          } else {
            re += '(.*/)?';
            kind = 'regexp';
          }
          if (atStart) kind = 'suffix';
        } else {
          re += '[^/]*';
          kind = 'regexp';
        }
      } else if (ch === '?') {
        re += '[^/]';
        kind = 'regexp';
      } else if (REGEX_ONLY_SPECIALS.has(ch)) {
        re += '\\' + ch;
      } else if (ch === '\\') {
        // validateGlob has rejected a trailing backslash, so a character follows.
        i++;
        re += escapeLiteral(chars[i], inClass);
        kind = 'regexp';
      } else if (ch === '[' || ch === ']') {
        inClass = ch === '[';
        re += ch;
        kind = 'regexp';
      } else {
        re += ch;
      }
    }
    this.kind = kind;
    if (kind === 'regexp') {
      try {
        this.regexp = new RegExp(re + '$', 'u');
      } catch {
        throw new IgnorePatternError(raw, 'syntax error');
      }
    }
  }

  match(path: string): boolean {
    switch (this.kind) {
      case 'exact':
        return path === this.cleaned;
      case 'prefix':
        return path.startsWith(this.cleaned.slice(0, -2));
      case 'suffix': {
        const suffix = this.cleaned.slice(2);
        return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
      }
      case 'regexp':
        return (this.regexp as RegExp).test(path);
    }
  }

  matchSelfOrParent(path: string): boolean {
    if (this.match(path)) return true;
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return false;
    const parts = path.slice(0, slash).split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (this.match(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  }
}

// An escaped character is literal in Go's regexp; in a JS `u` regexp only syntax characters
// may be escaped, so everything else is written bare.
function escapeLiteral(ch: string, inClass: boolean): string {
  if (JS_SYNTAX.test(ch) || (inClass && ch === '-')) return '\\' + ch;
  if (/[A-Za-z0-9]/.test(ch)) return '\\' + ch;
  return ch;
}

// Go's filepath.Match rejects these patterns (ErrBadPattern) before any matching is done.
function validateGlob(p: string, raw: string): void {
  const chars = [...p];
  const bad = (why: string): never => {
    throw new IgnorePatternError(raw, why);
  };
  const classChar = (i: number): number => {
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') bad('malformed character class');
    if (chars[i] === '\\') {
      i++;
      if (i >= chars.length) bad('malformed character class');
    }
    if (i + 1 >= chars.length) bad('unterminated character class');
    return i + 1;
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\\') {
      if (i + 1 >= chars.length) bad('trailing backslash');
      i++;
    } else if (ch === '[') {
      i++;
      if (chars[i] === '^') i++;
      let ranges = 0;
      for (;;) {
        if (chars[i] === ']' && ranges > 0) break;
        i = classChar(i);
        if (chars[i] === '-') i = classChar(i + 1);
        ranges++;
      }
    }
  }
}

export type IgnoreVerdict = 'excluded' | 'included';

/** One ignore file's patterns, matched as Docker's MatchesOrParentMatches does. */
export class IgnoreMatcher {
  private readonly patterns: Pattern[];
  readonly hasExceptions: boolean;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.filter((p) => p.trim() !== '').map((p) => new Pattern(p));
    this.hasExceptions = this.patterns.some((p) => p.exclusion);
  }

  static fromFile(text: string): IgnoreMatcher {
    return new IgnoreMatcher(parseIgnoreFile(text));
  }

  /**
   * `startExcluded` models a path that an implicit rule already excludes (the safety layer):
   * only a later `!` pattern that matches it can bring it back.
   */
  verdict(path: string, startExcluded = false): IgnoreVerdict {
    const file = cleanPath(path);
    if (file === '.') return 'included';
    let matched = startExcluded;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      if (pattern.matchSelfOrParent(file)) matched = !pattern.exclusion;
    }
    return matched ? 'excluded' : 'included';
  }

  excludes(path: string): boolean {
    return this.verdict(path) === 'excluded';
  }
}
