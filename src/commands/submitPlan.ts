// What submitting a spec file would send, decided without VS Code: the one validator's verdict,
// the request with its automatic labels, or why nothing may be sent yet.
import { isRecord } from '../jobs/proto-json-values';
import { parseArtifactRegistryUri } from '../cloud/artifactRegistry';
import { toJobRequest } from '../jobs/spec-convert';
import { parseImageReference, prebuiltImageFor } from '../jobs/spec-images';
import type { JobRequest } from '../jobs/spec-convert';
import type { SpecDiagnostic } from '../jobs/spec-types';
import type { SpecAnalysis } from '../jobs/spec-validate';
import { editorSeverity } from '../views/spec/problemSeverity';
import { analyzeSpecFile, blockingProblems } from '../views/spec/specAnalysis';
import type { SpecFileInput } from '../views/spec/specAnalysis';
import { specStem } from '../views/spec/specFileNames';

export interface PlanInput extends SpecFileInput {
  /** The spec's path relative to its workspace folder, for the spec-path label. */
  relativePath?: string;
  /** Whether the working tree has uncommitted changes, for the git-dirty label. */
  gitDirty?: boolean;
  /** The local sections were just built and uploaded (prepareSpecForSubmit in buildImage.ts). */
  localPrepared?: boolean;
}

export type SubmitPlan =
  | {
    ok: true; request: JobRequest; region: string; images: string[];
    /** The images in the project's own Artifact Registry repositories, whose existence can be checked. */
    registryImages: string[];
    serviceAccount?: string; warnings: SpecDiagnostic[];
  }
  | { ok: false; reason: 'invalid'; analysis: SpecAnalysis; errors: SpecDiagnostic[] }
  | { ok: false; reason: 'local-build' | 'local-package'; message: string };

export function planSubmission(input: PlanInput): SubmitPlan {
  const analysis = analyzeSpecFile(input);
  const errors = blockingProblems(analysis.diagnostics);
  if (errors.length > 0 || analysis.spec === undefined) {
    return { ok: false, reason: 'invalid', analysis, errors };
  }
  const spec = analysis.spec;
  if (spec.local?.build && !input.localPrepared) {
    return {
      ok: false, reason: 'local-build',
      message: `This spec builds its image ${spec.local.build.image} from local code (local.build), and it was not built. ` +
        'Nothing was submitted, so no job runs an image that is missing or out of date. Build and push the image first.',
    };
  }
  if (spec.local?.pythonPackage && !input.localPrepared) {
    return {
      ok: false, reason: 'local-package',
      message: `This spec uploads local code as a Python package to ${spec.local.pythonPackage.packageUri} (local.pythonPackage), and it was not uploaded. ` +
        'Nothing was submitted, so no job runs a package that is missing or out of date. Upload the package first.',
    };
  }
  const request = toJobRequest(spec, {
    fallbackDisplayName: specStem(input.fileName),
    autoLabels: { gitCommit: input.gitSha, gitDirty: input.gitDirty, specPath: input.relativePath },
  });
  const pools = Array.isArray(spec.jobSpec.workerPoolSpecs) ? spec.jobSpec.workerPoolSpecs.filter(isRecord) : [];
  const images = [...new Set(pools.flatMap((pool) => [
    isRecord(pool.containerSpec) ? pool.containerSpec.imageUri : undefined,
    isRecord(pool.pythonPackageSpec) ? pool.pythonPackageSpec.executorImageUri : undefined,
  ]).filter((uri): uri is string => typeof uri === 'string'))];
  const registryImages = images.filter((uri) => {
    const reference = parseImageReference(uri);
    return parseArtifactRegistryUri(uri) !== undefined && (reference === undefined || prebuiltImageFor(reference) === undefined);
  });
  const serviceAccount = typeof spec.jobSpec.serviceAccount === 'string' ? spec.jobSpec.serviceAccount : undefined;
  return {
    ok: true, request, region: analysis.region ?? input.defaultRegion, images, registryImages,
    ...(serviceAccount !== undefined && { serviceAccount }),
    warnings: analysis.diagnostics.filter((d) => editorSeverity(d) !== 'error'),
  };
}
