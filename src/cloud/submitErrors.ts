// What a refused job submission means for the person who sent it: the fields of their spec file
// the API rejected, the quota that ran out, the role that is missing, or the image that is not there.
import type { ApiError } from './apiErrors';

type SpecPath = (string | number)[];

export interface FieldProblem {
  /** As the API names it: `job_spec.worker_pool_specs[0].machine_spec.accelerator_count`. */
  field: string;
  description: string;
  /** The same field in the spec file, when it maps to one. */
  path?: SpecPath;
}

export type SubmitFailure =
  | { kind: 'fields'; message: string; fields: FieldProblem[] }
  | { kind: 'quota'; message: string; quota?: string; region: string; link: string }
  | { kind: 'actAs'; message: string; serviceAccount?: string; role: string }
  | { kind: 'image'; message: string; image: string }
  | { kind: 'other'; message: string };

export interface FailureContext {
  project: string;
  region: string;
  /** The spec's serviceAccount, if it names one. */
  serviceAccount?: string;
  /** Every image URI the job would pull. */
  images: string[];
}

export const SERVICE_ACCOUNT_USER_ROLE = 'roles/iam.serviceAccountUser';

const TOP_LEVEL: Record<string, SpecPath> = {
  display_name: ['displayName'],
  labels: ['labels'],
  encryption_spec: ['encryptionSpec'],
  study_spec: ['hyperparameterTuning', 'studySpec'],
  max_trial_count: ['hyperparameterTuning', 'maxTrialCount'],
  parallel_trial_count: ['hyperparameterTuning', 'parallelTrialCount'],
  max_failed_trial_count: ['hyperparameterTuning', 'maxFailedTrialCount'],
  job_spec: [],
  trial_job_spec: [],
};

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * `custom_job.job_spec.worker_pool_specs[0].machine_spec.accelerator_count` →
 * `['workerPoolSpecs', 0, 'machineSpec', 'acceleratorCount']`, where the spec file keeps it.
 * Label keys are kept as written; unknown top-level fields give undefined.
 */
export function specPathForField(field: string): SpecPath | undefined {
  const [head = '', ...rest] = field.replace(/^(custom_job|hyperparameter_tuning_job)\./, '').split('.');
  const headName = /^\w+/.exec(head)?.[0] ?? '';
  if (!Object.hasOwn(TOP_LEVEL, headName)) return undefined;
  const base = TOP_LEVEL[headName];
  if (headName === 'labels') return rest.length > 0 ? [...base, rest.join('.')] : base;
  const path: SpecPath = [...base];
  for (const step of [head.slice(headName.length), ...rest]) {
    const match = /^(\w*)((?:\[\d+\])*)$/.exec(step);
    if (!match) break;
    if (match[1]) path.push(camel(match[1]));
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

function fieldViolations(api: ApiError): { field: string; description: string }[] {
  return api.details.flatMap((detail) => {
    const list = (detail as { fieldViolations?: unknown }).fieldViolations;
    return Array.isArray(list)
      ? list.filter((v): v is { field: string; description: string } => typeof v?.field === 'string').map((v) => ({ field: v.field, description: String(v.description ?? '') }))
      : [];
  });
}

/** The quota's name, from google.rpc.QuotaFailure when the API sent one, else from the message. */
function quotaName(api: ApiError): string | undefined {
  const violations = api.details.flatMap((detail) => {
    const list = (detail as { violations?: unknown }).violations;
    return Array.isArray(list) ? (list as { subject?: unknown; description?: unknown }[]) : [];
  });
  for (const v of violations) {
    const named = typeof v.description === 'string' ? quotaIn(v.description) : undefined;
    if (named !== undefined) return named;
  }
  return quotaIn(api.message) ?? violations.map((v) => v.subject).find((s): s is string => typeof s === 'string');
}

function quotaIn(text: string): string | undefined {
  const name = /Quota exceeded for ([\w./-]+)/i.exec(text)?.[1] ?? /quota (?:metrics? |limit )?['"]?([\w.-]+\/[\w./-]+)/i.exec(text)?.[1];
  return name?.replace(/\.+$/, '');
}

const IMAGE_MISSING = /(not found|does not exist|doesn't exist|unable to pull|failed to pull|manifest unknown|cannot be found)/i;

export function explainSubmitFailure(api: ApiError, context: FailureContext): SubmitFailure {
  const violations = fieldViolations(api);
  const image = context.images.find((uri) => api.message.includes(uri)) ?? (/image/i.test(api.message) ? context.images[0] : undefined);
  if (image !== undefined && IMAGE_MISSING.test(api.message)) {
    return { kind: 'image', image, message: `The container image ${image} does not exist, or Vertex AI cannot read it: ${api.message} Push the image, fix imageUri, or give the Vertex AI service agent read access to its repository.` };
  }
  if (api.status === 'INVALID_ARGUMENT' && violations.length > 0) {
    const fields = violations.map((v): FieldProblem => {
      const path = specPathForField(v.field);
      return path === undefined ? v : { ...v, path };
    });
    const list = fields.map((f) => `${f.field}: ${f.description}`).join('; ');
    return { kind: 'fields', fields, message: `Vertex AI rejected the job: ${list}` };
  }
  if (api.status === 'RESOURCE_EXHAUSTED') {
    const quota = quotaName(api);
    const link = `https://console.cloud.google.com/iam-admin/quotas?project=${encodeURIComponent(context.project)}`;
    return {
      kind: 'quota', region: context.region, link, ...(quota !== undefined && { quota }),
      message: `Not enough quota in ${context.region}${quota ? ` for ${quota}` : ''}: ${api.message} Request more on the Quotas page of project ${context.project}, or submit to another region.`,
    };
  }
  if (api.status === 'PERMISSION_DENIED' && /iam\.serviceAccounts\.actAs/i.test(api.message)) {
    const serviceAccount = /serviceAccounts\/([^\s'"/]+@[^\s'"/]+)/.exec(api.message)?.[1] ?? /([\w.-]+@[\w.-]+\.gserviceaccount\.com)/.exec(api.message)?.[1] ?? context.serviceAccount;
    const who = serviceAccount ?? 'the job\'s service account';
    return {
      kind: 'actAs', role: SERVICE_ACCOUNT_USER_ROLE, ...(serviceAccount !== undefined && { serviceAccount }),
      message: `You may not run jobs as ${who}: your account needs ${SERVICE_ACCOUNT_USER_ROLE} (Service Account User) on ${who}. ` +
        `Ask an owner to grant it: gcloud iam service-accounts add-iam-policy-binding ${serviceAccount ?? 'SERVICE_ACCOUNT'} --member=user:YOU --role=${SERVICE_ACCOUNT_USER_ROLE}`,
    };
  }
  if (api.status === 'PERMISSION_DENIED') {
    return { kind: 'other', message: `Permission denied in project ${context.project}: ${api.message} Creating training jobs needs roles/aiplatform.user on the project.` };
  }
  return { kind: 'other', message: `Vertex AI did not create the job (${api.status}): ${api.message}` };
}
