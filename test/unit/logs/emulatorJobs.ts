import type { Connection } from '../../../src/cloud/connection';
import { locationName } from '../../../src/cloud/connection';
import { toLogRecord } from '../../../src/cloud/logging';
import type { LogRecord } from '../../../src/cloud/logging';
import type { VertexClients } from '../../../src/cloud/vertexClients';
import { parseJobName } from '../../../src/logs/job-status';
import type { JobRef } from '../../../src/logs/job-status';
import type { Emulator } from '../../emulator/core/emulator';
import { logStoreOf } from '../../emulator/logging/log-store';

export const PROJECT = 'logs-project';
export const REGION = 'us-central1';

export function emulatorConnection(emu: Emulator, transport: Connection['transport'] = 'grpc'): Connection {
  return { project: PROJECT, region: REGION, transport, overrides: { aiplatform: emu.url, logging: emu.url } };
}

export interface JobFixture {
  runSeconds?: number;
  fail?: boolean;
  /** Replicas of worker pool 1, besides the primary. */
  workers?: number;
}

/** A custom job the emulator runs (FAST_TIMINGS) and logs for, as the service would. */
export async function createJob(clients: VertexClients, fixture: JobFixture = {}): Promise<JobRef> {
  const machineSpec = { machineType: 'n1-standard-4' };
  const containerSpec = { imageUri: 'us-docker.pkg.dev/p/r/trainer:1' };
  const workerPoolSpecs: object[] = [{ machineSpec, replicaCount: 1, containerSpec }];
  if (fixture.workers) workerPoolSpecs.push({ machineSpec, replicaCount: fixture.workers, containerSpec });
  const labels: Record<string, string> = { 'emulator-run-seconds': String(fixture.runSeconds ?? 1) };
  if (fixture.fail) labels['emulator-outcome'] = 'fail';
  const [job] = await clients.jobs().createCustomJob({
    parent: locationName(clients.connection),
    customJob: { displayName: 'logs-unit', labels, jobSpec: { workerPoolSpecs } },
  });
  const ref = parseJobName(String(job.name));
  if (!ref) throw new Error(`unexpected job name ${String(job.name)}`);
  return ref;
}

/** What the emulator stored for the job, in Cloud Logging's order (timestamp, then insertId). */
export function storedRecords(emu: Emulator, jobId: string, task?: string): LogRecord[] {
  return logStoreOf(emu.store)
    .entries()
    .filter((e) => e.resource?.type === 'ml_job' && e.resource.labels?.job_id === jobId && (!task || e.resource.labels?.task_name === task))
    .map(toLogRecord);
}

export const ids = (records: readonly LogRecord[]): string[] => records.map((r) => `${r.timestamp}/${r.insertId}`);
