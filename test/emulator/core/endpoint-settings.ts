/**
 * How clients reach an emulator at `url` (`http://127.0.0.1:PORT`): the extension's
 * settings and gcloud's environment. gcloud's storage override keeps the API path
 * (gcloud derives download links by stripping `storage/v1/` from it).
 */
export function gcloudEnvironment(url: string, project: string, region: string): Record<string, string> {
  const base = `${url.replace(/\/$/, '')}/`;
  return {
    CLOUDSDK_CORE_PROJECT: project,
    CLOUDSDK_AI_REGION: region,
    CLOUDSDK_AUTH_DISABLE_CREDENTIALS: 'true',
    CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: base,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: base,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: `${base}storage/v1/`,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBUILD: base,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY: base,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER: base,
  };
}

export interface ExtensionSettings {
  'vertexAI.endpointOverrides': Record<'aiplatform' | 'logging' | 'storage' | 'cloudbuild' | 'artifactregistry' | 'resourcemanager', string>;
  'vertexAI.project': string;
  'vertexAI.region': string;
}

export function extensionSettings(url: string, project: string, region: string): ExtensionSettings {
  const base = url.replace(/\/$/, '');
  return {
    'vertexAI.endpointOverrides': { aiplatform: base, logging: base, storage: base, cloudbuild: base, artifactregistry: base, resourcemanager: base },
    'vertexAI.project': project,
    'vertexAI.region': region,
  };
}
