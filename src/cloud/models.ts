// Vertex AI Model Registry: models, their versions, and where each version is deployed.
import type { protos } from '@google-cloud/aiplatform';
import { locationName } from './connection';
import type { ListOptions, ResourcePage } from './listPage';
import { pageRequest, readLabels, readTimestamp, text, toPage } from './listPage';
import { resourceId } from './resourceNames';
import type { VertexClients } from './vertexClients';

type ApiModel = protos.google.cloud.aiplatform.v1.IModel;

export interface DeployedModelRef {
  /** The endpoint's resource name. */
  endpoint: string;
  deployedModelId: string;
}

/** One version of a model. ListModels answers with each model's default version. */
export interface ModelVersion {
  /** `projects/{p}/locations/{l}/models/{id}`, without a version. */
  name: string;
  id: string;
  versionId: string;
  /** `{name}@{versionId}`: what names this version in API calls. */
  versionName: string;
  displayName: string;
  description: string;
  versionDescription: string;
  versionAliases: string[];
  isDefault: boolean;
  /** The serving container image, when the model has one. */
  containerImage?: string;
  /** "TensorFlow 2.15 (CPU)" when the image is one of Vertex AI's prebuilt prediction containers. */
  framework?: string;
  /** Where the model came from when it is not a custom upload, e.g. "AUTOML". */
  sourceType?: string;
  artifactUri?: string;
  /** The model's creation (its first version's). */
  createTime?: Date;
  versionCreateTime?: Date;
  updateTime?: Date;
  deployedModels: DeployedModelRef[];
  labels: Record<string, string>;
}

const FRAMEWORKS: Record<string, string> = { tf: 'TensorFlow', tf2: 'TensorFlow', pytorch: 'PyTorch', sklearn: 'scikit-learn', xgboost: 'XGBoost' };

// Prebuilt prediction images: [region]-docker.pkg.dev/vertex-ai/prediction/[framework]-[accelerator].[version]:latest
// (and the older gcr.io/cloud-aiplatform/prediction/... form).
const PREBUILT_IMAGE = /^(?:[a-z0-9-]+-docker\.pkg\.dev\/vertex-ai(?:-restricted)?|(?:[a-z]+\.)?gcr\.io\/cloud-aiplatform)\/prediction\/([a-z0-9]+)-(cpu|gpu|tpu)\.(\d+)-(\d+)(?::latest)?$/;

/** "TensorFlow 2.15 (CPU)" for a prebuilt prediction container image, else undefined. */
export function prebuiltFramework(imageUri: string): string | undefined {
  const m = PREBUILT_IMAGE.exec(imageUri);
  if (!m) return undefined;
  const [, framework, accelerator, major, minor] = m;
  return `${FRAMEWORKS[framework] ?? framework} ${major}.${minor} (${accelerator.toUpperCase()})`;
}

export function readModelVersion(model: ApiModel): ModelVersion {
  const name = text(model.name).split('@')[0];
  const versionId = text(model.versionId);
  const versionAliases = (model.versionAliases ?? []).map(String);
  const containerImage = text(model.containerSpec?.imageUri) || undefined;
  const sourceType = typeof model.modelSourceInfo?.sourceType === 'string' ? model.modelSourceInfo.sourceType : undefined;
  return {
    name,
    id: resourceId(name),
    versionId,
    versionName: versionId ? `${name}@${versionId}` : name,
    displayName: text(model.displayName) || resourceId(name),
    description: text(model.description),
    versionDescription: text(model.versionDescription),
    versionAliases,
    isDefault: versionAliases.includes('default'),
    containerImage,
    framework: containerImage ? prebuiltFramework(containerImage) : undefined,
    sourceType: sourceType && sourceType !== 'MODEL_SOURCE_TYPE_UNSPECIFIED' && sourceType !== 'CUSTOM' ? sourceType : undefined,
    artifactUri: text(model.artifactUri) || undefined,
    createTime: readTimestamp(model.createTime),
    versionCreateTime: readTimestamp(model.versionCreateTime),
    updateTime: readTimestamp(model.updateTime),
    deployedModels: (model.deployedModels ?? []).map((d) => ({ endpoint: text(d.endpoint), deployedModelId: text(d.deployedModelId) })),
    labels: readLabels(model.labels),
  };
}

/** One page of the location's models (each as its default version), newest first. */
export async function listModels(clients: VertexClients, options: ListOptions = {}): Promise<ResourcePage<ModelVersion>> {
  const [items, , raw] = await clients.models().listModels({ parent: locationName(clients.connection), ...pageRequest(options) }, { autoPaginate: false });
  return toPage(items, raw, readModelVersion);
}

/** One page of a model's versions, in the API's order (by version ID). */
export async function listModelVersions(clients: VertexClients, modelName: string, options: ListOptions = {}): Promise<ResourcePage<ModelVersion>> {
  const [items, , raw] = await clients.models().listModelVersions({ name: modelName.split('@')[0], ...pageRequest(options, undefined) }, { autoPaginate: false });
  return toPage(items, raw, readModelVersion);
}

/** A model (its default version), or one version when the name ends in `@{versionId}`. */
export async function getModel(clients: VertexClients, name: string): Promise<ModelVersion> {
  const [model] = await clients.models().getModel({ name });
  return readModelVersion(model);
}

/** Deletes a model with all its versions and waits for the operation. FAILED_PRECONDITION while any version is deployed. */
export async function deleteModel(clients: VertexClients, name: string): Promise<void> {
  const [operation] = await clients.models().deleteModel({ name: name.split('@')[0] });
  await operation.promise();
}

/** Deletes one version (`{model}@{versionId}`); the API refuses the default version and deployed ones. */
export async function deleteModelVersion(clients: VertexClients, versionName: string): Promise<void> {
  const [operation] = await clients.models().deleteModelVersion({ name: versionName });
  await operation.promise();
}
