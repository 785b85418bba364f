// Vertex AI resource names (projects/P/locations/L/<collection>/ID[@version]) and the Cloud
// Console pages that show them.

export interface ParsedResourceName {
  project: string;
  location: string;
  collection: string;
  id: string;
  /** Model version, from `models/ID@VERSION`. */
  version?: string;
  /** Resources nested under the main one, e.g. trials of a tuning job. */
  rest: string[];
}

export function parseResourceName(name: string): ParsedResourceName | undefined {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/([A-Za-z]+)\/([^/@]+)(?:@([^/]+))?((?:\/[^/]+)*)$/.exec(name);
  if (!m) return undefined;
  const parsed: ParsedResourceName = { project: m[1], location: m[2], collection: m[3], id: m[4], rest: m[6] ? m[6].slice(1).split('/') : [] };
  if (m[5]) parsed.version = m[5];
  return parsed;
}

/** The last part of a name: what Vertex AI and gcloud call the ID. */
export function resourceId(name: string): string {
  const parsed = parseResourceName(name);
  if (!parsed) return name.slice(name.lastIndexOf('/') + 1);
  if (parsed.rest.length) return parsed.rest[parsed.rest.length - 1];
  return parsed.version ? `${parsed.id}@${parsed.version}` : parsed.id;
}

const CONSOLE = 'https://console.cloud.google.com/vertex-ai';

/** The Cloud Console page of a resource, or undefined for names it has no page for. */
export function consoleUrl(name: string): string | undefined {
  const p = parseResourceName(name);
  if (!p) return undefined;
  const q = `?project=${encodeURIComponent(p.project)}`;
  const loc = encodeURIComponent(p.location);
  const id = encodeURIComponent(p.id);
  switch (p.collection) {
    case 'customJobs':
      return `${CONSOLE}/locations/${loc}/training/${id}/cpu${q}`;
    case 'hyperparameterTuningJobs':
      return `${CONSOLE}/locations/${loc}/training/${id}/trials${q}`;
    case 'trainingPipelines':
      return `${CONSOLE}/locations/${loc}/training/${id}/cpu${q}`;
    case 'pipelineJobs':
      return `${CONSOLE}/locations/${loc}/pipelines/runs/${id}${q}`;
    case 'batchPredictionJobs':
      return `${CONSOLE}/locations/${loc}/batch-predictions/${id}${q}`;
    case 'models':
      return `${CONSOLE}/models/locations/${loc}/models/${id}${p.version ? `/versions/${encodeURIComponent(p.version)}` : ''}${q}`;
    case 'endpoints':
      return `${CONSOLE}/locations/${loc}/endpoints/${id}${q}`;
    case 'datasets':
      return `${CONSOLE}/locations/${loc}/datasets/${id}${q}`;
    default:
      return undefined;
  }
}
