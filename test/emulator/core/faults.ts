import { ApiError, Code, isStatusName, resourceExhausted } from './errors';
import type { StatusName } from './errors';

/**
 * A fault injected on demand. `method` is a full method name
 * (`google.cloud.aiplatform.v1.JobService.ListCustomJobs`), a prefix ending in `*`
 * (`google.cloud.aiplatform.v1.JobService.*`), or `*` for every call.
 */
export interface FaultRule {
  method: string;
  /** Error to return; without it the rule only adds latency. */
  code?: 'UNAVAILABLE' | 'DEADLINE_EXCEEDED' | 'RESOURCE_EXHAUSTED' | 'PERMISSION_DENIED' | StatusName;
  message?: string;
  /** How many calls it hits before it is used up; forever when absent. */
  count?: number;
  /** How many matching calls it lets through untouched before it starts (a failure partway through an upload). */
  after?: number;
  latencyMs?: number;
}

export interface FaultDecision {
  latencyMs: number;
  error?: ApiError;
}

const DEFAULT_MESSAGES: Partial<Record<StatusName, string>> = {
  UNAVAILABLE: 'The service is currently unavailable.',
  DEADLINE_EXCEEDED: 'Deadline exceeded.',
  PERMISSION_DENIED: "Permission 'aiplatform.customJobs.list' denied on resource (or it may not exist).",
  RESOURCE_EXHAUSTED:
    'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: default. Please submit a quota increase request.',
};

export class Faults {
  private rules: FaultRule[] = [];
  /** When set, every log tail stream ends with UNAVAILABLE after sending this many entries. */
  tailDropAfterEntries: number | undefined;

  add(rule: FaultRule): void {
    if (rule.code !== undefined && !isStatusName(rule.code)) throw new Error(`unknown status code ${rule.code}`);
    this.rules.push({ ...rule });
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
    this.tailDropAfterEntries = undefined;
  }

  /** Consumes one use of each matching rule and says what to do to this call. */
  take(method: string): FaultDecision {
    let latencyMs = 0;
    let error: ApiError | undefined;
    for (const rule of this.rules) {
      if (!matches(rule.method, method)) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (rule.after !== undefined && rule.after > 0) {
        rule.after -= 1;
        continue;
      }
      if (rule.count !== undefined) rule.count -= 1;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.code && !error) error = errorFor(rule.code, rule.message, method);
    }
    this.rules = this.rules.filter((r) => r.count === undefined || r.count > 0);
    return error ? { latencyMs, error } : { latencyMs };
  }
}

function matches(pattern: string, method: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return method.startsWith(pattern.slice(0, -1));
  return pattern === method;
}

function errorFor(code: StatusName, message: string | undefined, method: string): ApiError {
  const text = message ?? DEFAULT_MESSAGES[code] ?? `Injected ${code} for ${method}`;
  if (code === 'RESOURCE_EXHAUSTED') return resourceExhausted(text, 'aiplatform.googleapis.com');
  return new ApiError(Code[code], text);
}
