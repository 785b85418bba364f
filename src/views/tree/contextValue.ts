// Tree items carry a contextValue composed from parts, e.g. `vertexAI.job.custom.running`,
// so package.json `when` clauses match on any prefix or part with a regex:
// `viewItem =~ /^vertexAI\.job\.custom\.(running|pending|queued)$/`.

const PREFIX = 'vertexAI';

export function contextValue(...parts: (string | undefined | false)[]): string {
  return [PREFIX, ...parts.filter((p): p is string => typeof p === 'string' && p.length > 0)].join('.');
}

/** A part of a contextValue: lower camel case, no dots (e.g. `JOB_STATE_RUNNING` → `running`). */
export function contextPart(text: string): string {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}
