import { createHash } from 'node:crypto';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';

/** What the API fills in for a custom-container model (as `gcloud ai models describe` shows it). */
const CUSTOM_MODEL_OUTPUT: JsonObject = {
  supportedDeploymentResourcesTypes: ['DEDICATED_RESOURCES', 'SHARED_RESOURCES'],
  supportedInputStorageFormats: ['jsonl', 'bigquery', 'csv', 'tf-record', 'tf-record-gzip', 'file-list'],
  supportedOutputStorageFormats: ['jsonl', 'bigquery'],
  modelSourceInfo: { sourceType: 'CUSTOM' },
};

// Fields the caller may set on upload; the rest of Model is output only.
const INPUT_FIELDS = [
  'description',
  'versionDescription',
  'predictSchemata',
  'metadataSchemaUri',
  'metadata',
  'containerSpec',
  'artifactUri',
  'explanationSpec',
  'labels',
  'encryptionSpec',
  'pipelineJob',
];

export function modelEtag(model: string, versionId: string, time: string): string {
  return `AMEw9yP${createHash('sha256').update(`${model}@${versionId}@${time}`).digest('base64url').slice(0, 40)}`;
}

export interface VersionPlacement {
  name: string;
  versionId: string;
  aliases: string[];
  /** Now, for the version's own times. */
  time: string;
  /** The model's createTime: its first version's. */
  createTime: string;
  /** A model has one display name; new versions keep the first one's. */
  displayName: string;
}

/** A stored Model version built from an UploadModelRequest's model. */
export function buildModelVersion(input: JsonObject, at: VersionPlacement): JsonObject {
  const out: JsonObject = { name: at.name, displayName: at.displayName };
  for (const field of INPUT_FIELDS) if (input[field] !== undefined && input[field] !== null) out[field] = cloneJson(input[field]);
  if (out.artifactUri) out.supportedExportFormats = [{ id: 'custom-trained', exportableContents: ['ARTIFACT'] }];
  Object.assign(out, cloneJson(CUSTOM_MODEL_OUTPUT));
  out.createTime = at.createTime;
  out.updateTime = at.time;
  out.versionId = at.versionId;
  out.versionAliases = at.aliases;
  out.versionCreateTime = at.time;
  out.versionUpdateTime = at.time;
  out.etag = modelEtag(at.name, at.versionId, at.time);
  return out;
}
