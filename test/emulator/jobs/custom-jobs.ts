import type { Emulator } from '../core/emulator';
import { failedPrecondition } from '../core/errors';
import type { FieldViolation } from '../core/errors';
import { cloneJson, isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';
import { parseLocation } from '../core/resource-names';
import { CustomJobSimulator } from './custom-job-simulator';
import { foundErrors, validateJobSpec, withSpecDefaults } from './job-spec';
import { CUSTOM_JOBS, nowStamp, TERMINAL_STATES } from './job-store';
import { deleteJob, getJob, listJobs } from './list-support';

const SERVICE = 'google.cloud.aiplatform.v1.JobService';
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

export function validateLabels(labels: unknown, field = 'labels'): FieldViolation[] {
  if (!isJsonObject(labels)) return [];
  const out: FieldViolation[] = [];
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_KEY.test(k) || !LABEL_VALUE.test(String(v))) {
      out.push({ field: `${field}.${k}`, description: 'Label keys and values can be no longer than 64 characters, can only contain lowercase letters, numeric characters, underscores and dashes, and keys must start with a letter.' });
    }
  }
  return out;
}

/** A new CustomJob as the API stores it, or the API's INVALID_ARGUMENT. */
export function newCustomJob(emu: Emulator, parentValue: unknown, input: JsonObject): JsonObject {
  const parent = parseLocation(emu.store, parentValue);
  const violations: FieldViolation[] = [];
  if (!input.displayName) violations.push({ field: 'display_name', description: 'Required field is not set.' });
  violations.push(...validateJobSpec(input.jobSpec, 'job_spec', parent.location), ...validateLabels(input.labels));
  if (violations.length) throw foundErrors(violations);
  const now = nowStamp(emu);
  const job: JsonObject = {
    ...cloneJson(input),
    name: `${parent.name}/${CUSTOM_JOBS}/${emu.store.nextId()}`,
    jobSpec: withSpecDefaults(input.jobSpec as JsonObject),
    state: 'JOB_STATE_QUEUED',
    createTime: now,
    updateTime: now,
  };
  for (const outputOnly of ['startTime', 'endTime', 'error', 'webAccessUris']) delete job[outputOnly];
  return job;
}

/** JobService custom job methods; returns the simulator so seeds and control endpoints can drive jobs. */
export function registerCustomJobs(emu: Emulator): CustomJobSimulator {
  const sim = new CustomJobSimulator(emu);
  emu.store.events.on('loaded', () => sim.resumeAll());
  emu.registry.service(SERVICE, {
    CreateCustomJob: async (req) => {
      const job = newCustomJob(emu, req.parent, isJsonObject(req.customJob) ? req.customJob : {});
      emu.store.put(CUSTOM_JOBS, String(job.name), job);
      sim.start(String(job.name));
      return cloneJson(job);
    },
    GetCustomJob: async (req) => cloneJson(getJob(emu, CUSTOM_JOBS, 'CustomJob', req.name)),
    ListCustomJobs: async (req) => listJobs(emu, CUSTOM_JOBS, 'customJobs', req),
    CancelCustomJob: async (req) => {
      const job = getJob(emu, CUSTOM_JOBS, 'CustomJob', req.name);
      if (TERMINAL_STATES.has(String(job.state))) {
        throw failedPrecondition(`The CustomJob ${String(job.name)} is in state ${String(job.state)} and cannot be cancelled.`);
      }
      sim.cancel(String(job.name));
      return {};
    },
    DeleteCustomJob: async (req) => deleteJob(emu, CUSTOM_JOBS, 'CustomJob', req.name),
  });
  return sim;
}

/**
 * Adds `count` finished jobs at once (control API), spread over states and hardware,
 * for paging benchmarks; returns how many exist in the location afterwards.
 */
export function generateCustomJobs(emu: Emulator, body: JsonObject): JsonObject {
  const parent = parseLocation(emu.store, body.parent ?? 'projects/demo-project/locations/us-central1');
  const count = Math.min(Math.max(Number(body.count ?? 0), 0), 100_000);
  const states = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];
  const machines: JsonObject[] = [
    { machineType: 'n1-standard-4' },
    { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 },
    { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
    { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2' },
  ];
  const base = emu.clock.now().getTime() - count * 60_000;
  for (let i = 0; i < count; i++) {
    const name = `${parent.name}/${CUSTOM_JOBS}/${emu.store.nextId()}`;
    const created = new Date(base + i * 60_000).toISOString();
    const ended = new Date(base + i * 60_000 + 45_000).toISOString();
    const state = typeof body.state === 'string' ? body.state : states[i % states.length];
    const job: JsonObject = {
      name,
      displayName: `synthetic-job-${String(i).padStart(5, '0')}`,
      jobSpec: withSpecDefaults({
        workerPoolSpecs: [{ machineSpec: machines[i % machines.length], replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest' } }],
      }),
      state,
      createTime: created,
      startTime: created,
      endTime: ended,
      updateTime: ended,
      labels: { synthetic: 'true' },
    };
    if (state === 'JOB_STATE_FAILED') job.error = { code: 3, message: 'The replica workerpool0-0 exited with a non-zero status of 1.' };
    if (state === 'JOB_STATE_CANCELLED') job.error = { code: 1, message: 'CANCELED' };
    emu.store.put(CUSTOM_JOBS, name, job);
  }
  const total = [...emu.store.collection(CUSTOM_JOBS).keys()].filter((n) => n.startsWith(`${parent.name}/`)).length;
  return { created: count, total };
}
