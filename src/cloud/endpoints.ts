// Where each Google API is reached: the public regional/global host, or an override
// (Private Service Connect, or the local emulator at http://127.0.0.1:PORT).

export const SERVICES = ['aiplatform', 'logging', 'storage', 'cloudbuild', 'artifactregistry', 'resourcemanager'] as const;
export type ServiceName = (typeof SERVICES)[number];
export type EndpointOverrides = Partial<Record<ServiceName, string>>;

export interface ServiceEndpoint {
  protocol: 'https' | 'http';
  host: string;
  port: number;
  /** True for a plain-HTTP loopback override: no TLS and no credentials are sent. */
  local: boolean;
  /** The URL form, for clients (storage) that take one. */
  url: string;
}

function defaultHost(service: ServiceName, region: string): string {
  if (service === 'aiplatform') return `${region}-aiplatform.googleapis.com`;
  return service === 'resourcemanager' ? 'cloudresourcemanager.googleapis.com' : `${service}.googleapis.com`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

export function resolveEndpoint(service: ServiceName, region: string, overrides: EndpointOverrides = {}): ServiceEndpoint {
  const override = overrides[service]?.trim();
  if (!override) {
    const host = defaultHost(service, region);
    return { protocol: 'https', host, port: 443, local: false, url: `https://${host}` };
  }
  const withScheme = /^[a-z]+:\/\//i.test(override) ? override : `https://${override}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new EndpointError(`vertexAI.endpointOverrides.${service} is not a valid URL or host: "${override}". Use e.g. "http://127.0.0.1:8085" or "https://my-psc-endpoint.example.com".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EndpointError(`vertexAI.endpointOverrides.${service} must use http or https, not "${parsed.protocol.replace(':', '')}".`);
  }
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  const port = parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443;
  const local = protocol === 'http' && LOOPBACK.has(parsed.hostname);
  return { protocol, host: parsed.hostname, port, local, url: `${protocol}://${parsed.host}` };
}

/**
 * The project list only fills the project picker, which falls back to typing an ID: an
 * emulator set-up without a resourcemanager override still needs no credentials.
 */
const OPTIONAL: readonly ServiceName[] = ['resourcemanager'];

/** Credentials are needed unless every service the extension needs is a local plain-HTTP override. */
export function needsCredentials(region: string, overrides: EndpointOverrides = {}): boolean {
  return SERVICES.some((s) => !OPTIONAL.includes(s) && !resolveEndpoint(s, region, overrides).local);
}
