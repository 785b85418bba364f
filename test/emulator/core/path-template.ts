/**
 * `google.api.http` path templates: `/v1/{parent=projects/*\/locations/*}/customJobs`,
 * `/v1/{name=operations/**}`, `{field}` (one segment) and a `:verb` suffix.
 */
export interface CompiledTemplate {
  regex: RegExp;
  /** Field paths (as written, snake_case) in capture order. */
  fields: string[];
  /** How specific the template is, to prefer literal matches over wildcards. */
  literalLength: number;
}

export function compileTemplate(template: string): CompiledTemplate {
  const fields: string[] = [];
  let literalLength = 0;
  let verb = '';
  let path = template;
  const lastBrace = path.lastIndexOf('}');
  const colon = path.indexOf(':', lastBrace + 1);
  if (colon >= 0) {
    verb = path.slice(colon);
    path = path.slice(0, colon);
  }
  let re = '';
  let i = 0;
  while (i < path.length) {
    if (path[i] === '{') {
      const end = path.indexOf('}', i);
      const inner = path.slice(i + 1, end);
      const eq = inner.indexOf('=');
      const field = eq >= 0 ? inner.slice(0, eq) : inner;
      const pattern = eq >= 0 ? inner.slice(eq + 1) : '*';
      fields.push(field);
      re += `(${segmentsRegex(pattern)})`;
      literalLength += pattern.replace(/\*+/g, '').length;
      i = end + 1;
    } else {
      const next = path.indexOf('{', i);
      const lit = path.slice(i, next < 0 ? undefined : next);
      re += segmentsRegex(lit);
      literalLength += lit.replace(/\*+/g, '').length;
      i = next < 0 ? path.length : next;
    }
  }
  re += escape(verb);
  literalLength += verb.length;
  return { regex: new RegExp(`^${re}$`), fields, literalLength };
}

function segmentsRegex(pattern: string): string {
  return pattern
    .split('/')
    .map((seg) => (seg === '**' ? '.+' : seg === '*' ? '[^/:]+' : escape(seg)))
    .join('/');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
