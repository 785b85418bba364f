import { checkHardware } from '../../../src/jobs/hardware-rules';
import { invalidArgument } from '../core/errors';
import type { ApiError, FieldViolation } from '../core/errors';
import { cloneJson, isJsonObject } from '../core/json';
import type { JsonObject, JsonValue } from '../core/json';

const REQUIRED = 'Required field is not set.';

/** `['workerPoolSpecs', 0, 'machineSpec']` under `job_spec` → `job_spec.worker_pool_specs[0].machine_spec`. */
export function fieldPath(prefix: string, path: (string | number)[]): string {
  let out = prefix;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += `${out ? '.' : ''}${seg.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
  }
  return out;
}

/**
 * Vertex AI reports every problem of a job at once: "List of found errors:\t1.Field: ...;
 * Message: ...\t", with the same list as google.rpc.BadRequest field violations.
 */
export function foundErrors(violations: FieldViolation[]): ApiError {
  const text = violations.map((v, i) => `${i + 1}.Field: ${v.field}; Message: ${v.description}\t`).join('');
  return invalidArgument(`List of found errors:\t${text}`, violations);
}

function isEmptyPool(pool: JsonValue): boolean {
  return !isJsonObject(pool) || Object.keys(pool).length === 0;
}

/**
 * The checks the API makes on a CustomJobSpec (also an HP tuning job's trial spec):
 * required fields, one container or Python package per pool, and the hardware rules
 * (machine/accelerator/count/TPU/region/disk) from the shared hardware module.
 */
export function validateJobSpec(spec: JsonValue | undefined, prefix: string, region: string): FieldViolation[] {
  if (!isJsonObject(spec)) return [{ field: prefix, description: REQUIRED }];
  const pools = Array.isArray(spec.workerPoolSpecs) ? spec.workerPoolSpecs : [];
  const out: FieldViolation[] = [];
  if (pools.length === 0 || isEmptyPool(pools[0])) {
    out.push({ field: fieldPath(prefix, ['workerPoolSpecs']), description: REQUIRED });
    return out;
  }
  pools.forEach((pool, i) => {
    if (isEmptyPool(pool) || !isJsonObject(pool)) return;
    const at = (...p: (string | number)[]) => fieldPath(prefix, ['workerPoolSpecs', i, ...p]);
    const machine = isJsonObject(pool.machineSpec) ? pool.machineSpec : undefined;
    if (!machine?.machineType) out.push({ field: at('machineSpec', 'machineType'), description: REQUIRED });
    const replicas = Number(pool.replicaCount ?? 0);
    if (!(replicas >= 1)) out.push({ field: at('replicaCount'), description: 'replica_count must be greater than 0.' });
    const container = isJsonObject(pool.containerSpec) ? pool.containerSpec : undefined;
    const python = isJsonObject(pool.pythonPackageSpec) ? pool.pythonPackageSpec : undefined;
    if (container && python) out.push({ field: at('task'), description: 'Only one of container_spec and python_package_spec may be set.' });
    else if (!container && !python) out.push({ field: at('task'), description: 'One of container_spec or python_package_spec must be set.' });
    if (container && !container.imageUri) out.push({ field: at('containerSpec', 'imageUri'), description: REQUIRED });
    if (python) {
      if (!python.executorImageUri) out.push({ field: at('pythonPackageSpec', 'executorImageUri'), description: REQUIRED });
      if (!Array.isArray(python.packageUris) || python.packageUris.length === 0) out.push({ field: at('pythonPackageSpec', 'packageUris'), description: REQUIRED });
      if (!python.pythonModule) out.push({ field: at('pythonPackageSpec', 'pythonModule'), description: REQUIRED });
    }
  });
  for (const p of checkHardware(spec, region)) out.push({ field: fieldPath(prefix, p.path), description: p.apiMessage });
  return out;
}

/** What the API fills in on a stored spec: boot disk defaults on every non-empty pool. */
export function withSpecDefaults(spec: JsonObject): JsonObject {
  const out = cloneJson(spec);
  if (Array.isArray(out.workerPoolSpecs)) {
    out.workerPoolSpecs = out.workerPoolSpecs.map((pool) => {
      if (!isJsonObject(pool) || Object.keys(pool).length === 0) return pool;
      const disk = isJsonObject(pool.diskSpec) ? pool.diskSpec : {};
      return { ...pool, diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100, ...disk } };
    });
  }
  return out;
}

/** Replica task names of a spec: `workerpool0-0`, `workerpool1-0`, `workerpool1-1`, ... */
export function taskNames(spec: JsonObject): string[] {
  const pools = Array.isArray(spec.workerPoolSpecs) ? spec.workerPoolSpecs : [];
  const out: string[] = [];
  pools.forEach((pool, i) => {
    if (isEmptyPool(pool) || !isJsonObject(pool)) return;
    const n = Math.min(Number(pool.replicaCount ?? 1) || 1, 64);
    for (let r = 0; r < n; r++) out.push(`workerpool${i}-${r}`);
  });
  return out;
}
