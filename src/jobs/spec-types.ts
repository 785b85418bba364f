// Shared shapes of the job spec file model: what parsing, validation and conversion hand each other
// and what the editor layer turns into VS Code diagnostics and code actions.

export type SpecPath = (string | number)[];
export type Severity = 'error' | 'warning' | 'info';

/** 0-based line and UTF-16 character, as VS Code counts them. */
export interface SpecPosition { line: number; character: number }

export interface SpecRange { start: SpecPosition; end: SpecPosition; startOffset: number; endOffset: number }

export interface SpecEdit { range: SpecRange; newText: string }

export interface SpecQuickFix { title: string; edits: SpecEdit[] }

export interface SpecDiagnostic {
  /** Stable id, for example `accelerator-count` or `unknown-field`. */
  rule: string;
  severity: Severity;
  message: string;
  range: SpecRange;
  path: SpecPath;
  fixes: SpecQuickFix[];
  /** What the API would answer, where the rule mirrors a server-side check. */
  apiMessage?: string;
}

/** A change to the document, said in terms of the value tree; spec-edits turns it into text edits. */
export type EditOp =
  | { kind: 'set'; path: SpecPath; value: unknown }
  | { kind: 'remove'; path: SpecPath }
  | { kind: 'renameKey'; path: SpecPath; key: string }
  | { kind: 'replaceText'; path: SpecPath; text: string };

export interface FixOp { title: string; ops: EditOp[] }

/** A problem found on the value tree, before it is placed in the text. */
export interface SpecProblem {
  path: SpecPath;
  rule: string;
  severity: Severity;
  message: string;
  /** What to underline: the key of the field, its value, or a slice of a string value. */
  target?: 'key' | 'value' | { slice: [number, number] };
  fixes?: FixOp[];
  apiMessage?: string;
}

export interface SubstitutionContext {
  workspaceFolder?: string;
  env?: Record<string, string | undefined>;
  /** The commit of the workspace; undefined when unknown (no repository, or not looked up). */
  gitSha?: string;
}

export interface ValidationContext {
  substitutions?: SubstitutionContext;
  /** The region used when the file has no `region`. */
  defaultRegion?: string;
  /** Bucket name to its location (for example `US-CENTRAL1`, `US`), for the buckets the caller knows. */
  bucketLocations?: Record<string, string>;
  /** Today's date, for the prebuilt images' end-of-support and end-of-availability dates. */
  today?: Date;
  /** Lets the local-only sections check their paths; absolute paths are resolved against specDir. */
  files?: { specDir: string; exists(path: string): boolean };
}

export interface LocalBuildSection { image: string; context?: string; dockerfile?: string; target?: string; buildArgs?: Record<string, string> }
export interface LocalPythonPackageSection { path: string; packageUri: string }
export interface LocalSections { build?: LocalBuildSection; pythonPackage?: LocalPythonPackageSection }

export interface HyperparameterTuningSection {
  studySpec: Record<string, unknown>;
  maxTrialCount?: number;
  parallelTrialCount?: number;
  maxFailedTrialCount?: number;
}

/** The file after substitution and normalisation to proto3 JSON (int64 as strings, enums as names). */
export interface JobSpecFile {
  displayName?: string;
  labels?: Record<string, string>;
  encryptionSpec?: { kmsKeyName?: string };
  region?: string;
  /** The CustomJobSpec: everything in the file that is not a job field or a local-only section. */
  jobSpec: Record<string, unknown>;
  hyperparameterTuning?: HyperparameterTuningSection;
  local?: LocalSections;
}
