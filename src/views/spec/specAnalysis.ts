// The one way a spec file is analyzed in the workspace, for the editor's diagnostics and for
// submission alike: the same substitutions, default region, date and file checks.
import { dirname } from 'node:path';
import type { SpecDiagnostic } from '../../jobs/spec-types';
import { analyzeSpec } from '../../jobs/spec-validate';
import type { SpecAnalysis } from '../../jobs/spec-validate';
import { editorSeverity } from './problemSeverity';

export interface SpecFileInput {
  text: string;
  /** Absolute path of the spec file. */
  fileName: string;
  workspaceFolder?: string;
  env: Record<string, string | undefined>;
  gitSha?: string;
  /** The session's region, used when the file has no `region`. */
  defaultRegion: string;
  exists(path: string): boolean;
  today?: Date;
}

export function analyzeSpecFile(input: SpecFileInput): SpecAnalysis {
  return analyzeSpec(input.text, input.fileName, {
    substitutions: { workspaceFolder: input.workspaceFolder, env: input.env, gitSha: input.gitSha },
    defaultRegion: input.defaultRegion,
    today: input.today ?? new Date(),
    files: { specDir: dirname(input.fileName), exists: input.exists },
  });
}

export function blockingProblems(diagnostics: SpecDiagnostic[]): SpecDiagnostic[] {
  return diagnostics.filter((d) => editorSeverity(d) === 'error');
}
