import type { Severity, SpecDiagnostic } from '../../jobs/spec-types';

// The region table (data/regions.json) is compiled from the docs and not verified against the
// API, so "not offered in this region" warns instead of blocking a submission the API may accept.
const UNVERIFIED_RULES = new Set(['region-accelerator']);

/** The severity the editor shows and submission acts on. */
export function editorSeverity(diagnostic: Pick<SpecDiagnostic, 'rule' | 'severity'>): Severity {
  return diagnostic.severity === 'error' && UNVERIFIED_RULES.has(diagnostic.rule) ? 'warning' : diagnostic.severity;
}
