// Creating a CustomJob or a HyperparameterTuningJob from a converted spec file. Errors leave here in
// the one API error shape, whichever transport raised them.
import type { JobRequest } from '../jobs/spec-convert';
import { toApiError } from './apiErrors';
import type { ApiError } from './apiErrors';
import type { Connection } from './connection';
import { locationName } from './connection';
import { customJobMessage, tuningJobMessage } from './jobRequestMessages';
import { VertexClients } from './vertexClients';

export interface CreatedJob {
  /** projects/…/locations/…/customJobs/ID or …/hyperparameterTuningJobs/ID */
  name: string;
  kind: JobRequest['kind'];
  displayName: string;
}

/** The API refused the job; `api` says why. */
export class JobCreateError extends Error {
  override readonly name = 'JobCreateError';

  constructor(readonly api: ApiError) {
    super(api.message);
  }
}

type JobsClient = ReturnType<VertexClients['jobs']>;
type CustomJobInput = Parameters<JobsClient['createCustomJob']>[0];
type TuningJobInput = Parameters<JobsClient['createHyperparameterTuningJob']>[0];

/** Creates the job in the clients' project and region (the regional endpoint must serve that region). */
export async function createTrainingJob(clients: VertexClients, request: JobRequest): Promise<CreatedJob> {
  const parent = locationName(clients.connection);
  try {
    if (request.kind === 'customJob') {
      const input = { parent, customJob: customJobMessage(request.body) } as CustomJobInput;
      const [job] = await clients.jobs().createCustomJob(input);
      return { name: String(job.name), kind: request.kind, displayName: job.displayName ?? request.body.displayName };
    }
    const input = { parent, hyperparameterTuningJob: tuningJobMessage(request.body) } as TuningJobInput;
    const [job] = await clients.jobs().createHyperparameterTuningJob(input);
    return { name: String(job.name), kind: request.kind, displayName: job.displayName ?? request.body.displayName };
  } catch (err) {
    const api = toApiError(err);
    throw api ? new JobCreateError(api) : err;
  }
}

/**
 * Vertex AI clients per region: a spec's `region` can differ from the session's, and each region
 * has its own endpoint. Clients of a connection that was replaced are closed.
 */
export class RegionalClients {
  private connection: Connection | undefined;
  private readonly byRegion = new Map<string, VertexClients>();

  get(connection: Connection, region: string): VertexClients {
    if (connection !== this.connection) {
      void this.close();
      this.connection = connection;
    }
    let clients = this.byRegion.get(region);
    if (!clients) {
      clients = new VertexClients(connection.region === region ? connection : { ...connection, region });
      this.byRegion.set(region, clients);
    }
    return clients;
  }

  async close(): Promise<void> {
    const open = [...this.byRegion.values()];
    this.byRegion.clear();
    this.connection = undefined;
    await Promise.allSettled(open.map((c) => c.close()));
  }
}
