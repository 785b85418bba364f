import type { Emulator } from '../core/emulator';
import type { JsonObject, JsonValue } from '../core/json';
import { projectId } from '../core/resource-names';
import { predictionFor } from '../endpoints/prediction';
import { logStoreOf } from '../logging/log-store';
import { objectAt, stringAt } from '../models/field-errors';
import type { Store } from '../state/store';
import { getBucket, getObject, parseGsUri, putObject } from '../storage/objects';

export interface BatchInputs {
  instances: JsonValue[];
  /** gs:// URIs that the emulated storage does not hold. */
  missing: string[];
}

function inputUris(job: JsonObject): string[] {
  const uris = objectAt(objectAt(job.inputConfig)?.gcsSource)?.uris;
  return Array.isArray(uris) ? uris.map(String) : [];
}

/** Instances from JSON Lines input files in the emulated storage; other lines count as raw strings. */
export function readInputs(store: Store, job: JsonObject): BatchInputs {
  const out: BatchInputs = { instances: [], missing: [] };
  for (const uri of inputUris(job)) {
    const gs = parseGsUri(uri);
    const object = gs && gs.name ? getObject(store, gs.bucket, gs.name) : undefined;
    if (!object) {
      out.missing.push(uri);
      continue;
    }
    for (const line of object.data.toString('utf8').split(/\r?\n/)) {
      if (line.trim() === '') continue;
      try {
        out.instances.push(JSON.parse(line) as JsonValue);
      } catch {
        out.instances.push(line);
      }
    }
  }
  return out;
}

/**
 * Writes `prediction.results-00000-of-00001` (one `{"instance", "prediction"}` per line) under
 * `{outputUriPrefix}/prediction-{model display name}-{create time}`, and returns that directory.
 * The directory is reported even when the bucket is not emulated, as the job would report it.
 */
export function writePredictions(store: Store, job: JsonObject, modelKey: string, instances: JsonValue[]): string {
  const prefix = stringAt(objectAt(objectAt(job.outputConfig)?.gcsDestination)?.outputUriPrefix);
  const stamp = stringAt(job.createTime).replace(/[-:]/g, '_').replace(/\.\d+Z$/, 'Z');
  const dir = `${prefix.replace(/\/+$/, '')}/prediction-${stringAt(job.displayName).replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}`;
  const gs = parseGsUri(dir);
  if (gs && getBucket(store, gs.bucket)) {
    const body = instances.map((instance) => JSON.stringify({ instance, prediction: predictionFor(modelKey, instance) })).join('\n');
    putObject(store, gs.bucket, `${gs.name}/prediction.results-00000-of-00001`, body ? `${body}\n` : '', { contentType: 'application/jsonl' });
    putObject(store, gs.bucket, `${gs.name}/prediction.errors_stats-00000-of-00001`, '', { contentType: 'application/jsonl' });
  }
  return dir;
}

/** Log lines of a batch prediction job, under the job's numeric id like a custom job's. */
export function writeBatchLogs(emu: Emulator, job: JsonObject, lines: Array<[severity: string, message: string]>): void {
  const parts = String(job.name).split('/');
  const project = projectId(emu.store, parts[1]);
  logStoreOf(emu.store).write(
    lines.map(([severity, message]) => ({
      logName: `projects/${project}/logs/aiplatform.googleapis.com%2Fbatch_prediction_job`,
      resource: { type: 'ml_job', labels: { project_id: project, job_id: parts[5], task_name: 'batch_prediction' } },
      severity,
      jsonPayload: { message },
    })),
  );
}
