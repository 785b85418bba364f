import type { Store } from '../state/store';
import type { JsonObject } from '../core/json';
import { isJsonObject } from '../core/json';
import { logStoreOf } from '../logging/log-store';
import { getBucket, getObject, parseGsUri, putObject } from '../storage/objects';

/**
 * Where a build's log lines go, as the real service sends them: Cloud Logging
 * (`resource.type="build"`, log `cloudbuild`) and, unless `options.logging` says otherwise,
 * `log-<id>.txt` in the logs bucket (which `gcloud builds log` and `submit` read).
 */
export interface BuildLogTarget {
  projectId: string;
  buildId: string;
  /** `gs://bucket[/path]`; absent when the build logs to Cloud Logging only. */
  logsBucket?: string;
  toCloudLogging: boolean;
}

export function logTargetOf(build: JsonObject): BuildLogTarget {
  const options = isJsonObject(build.options) ? build.options : {};
  const mode = typeof options.logging === 'string' ? options.logging : 'LEGACY';
  return {
    projectId: String(build.projectId),
    buildId: String(build.id),
    logsBucket: mode === 'CLOUD_LOGGING_ONLY' || mode === 'NONE' || typeof build.logsBucket !== 'string' ? undefined : build.logsBucket,
    toCloudLogging: mode !== 'GCS_ONLY' && mode !== 'NONE',
  };
}

function logObjectOf(target: BuildLogTarget): { bucket: string; name: string } | undefined {
  const parsed = target.logsBucket ? parseGsUri(target.logsBucket) : undefined;
  if (!parsed) return undefined;
  const dir = parsed.name.replace(/\/+$/, '');
  return { bucket: parsed.bucket, name: `${dir ? `${dir}/` : ''}log-${target.buildId}.txt` };
}

export function writeBuildLog(store: Store, target: BuildLogTarget, lines: string[]): void {
  if (lines.length === 0) return;
  if (target.toCloudLogging) {
    logStoreOf(store).write(
      lines.map((line) => ({
        logName: `projects/${target.projectId}/logs/cloudbuild`,
        resource: { type: 'build', labels: { build_id: target.buildId, build_trigger_id: '', project_id: target.projectId } },
        severity: 'INFO',
        textPayload: line,
      })),
    );
  }
  const object = logObjectOf(target);
  if (object && getBucket(store, object.bucket)) {
    const previous = getObject(store, object.bucket, object.name)?.data;
    const added = Buffer.from(lines.map((l) => `${l}\n`).join(''));
    putObject(store, object.bucket, object.name, previous ? [previous, added] : added, { contentType: 'text/plain; charset=utf-8' });
  }
}
