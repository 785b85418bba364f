import { createHash } from 'node:crypto';
import { invalidArgument } from '../core/errors';
import type { JsonValue } from '../core/json';

/** JSON with object keys sorted, so equal instances hash alike whatever their key order. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a deployed model predicts for one instance: a score in [0, 1) with six decimals taken
 * from sha256(deployedModelId + "\n" + canonical instance JSON). Tests compute the same value.
 */
export function predictionFor(deployedModelId: string, instance: JsonValue): number {
  const digest = createHash('sha256').update(`${deployedModelId}\n${canonicalJson(instance)}`).digest();
  return Math.floor((digest.readUIntBE(0, 6) / 2 ** 48) * 1e6) / 1e6;
}

function kindOf(v: JsonValue): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * A prediction container takes one kind of instance per request; an empty list, null
 * instances or a mix of kinds is refused before any model sees it.
 */
export function validateInstances(instances: JsonValue | undefined): JsonValue[] {
  if (!Array.isArray(instances) || instances.length === 0) {
    throw invalidArgument('Invalid instances: the request has no instances.', [{ field: 'instances', description: 'Required field is not set.' }]);
  }
  const first = kindOf(instances[0]);
  instances.forEach((instance, i) => {
    const kind = kindOf(instance);
    if (kind === 'null') {
      throw invalidArgument(`Invalid instances: instance ${i} is null.`, [{ field: `instances[${i}]`, description: 'must not be null' }]);
    }
    if (kind !== first) {
      throw invalidArgument(`Invalid instances: instance ${i} is a JSON ${kind}, but instance 0 is a JSON ${first}.`, [
        { field: `instances[${i}]`, description: `expected a JSON ${first}` },
      ]);
    }
  });
  return instances;
}
