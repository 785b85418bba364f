import type { Emulator } from '../core/emulator';
import type { ControlGenerators } from '../control/routes';
import { generateCustomJobs, registerCustomJobs } from './custom-jobs';
import type { CustomJobSimulator } from './custom-job-simulator';
import { registerHpTuningJobs } from './hp-tuning';

export interface JobSimulators {
  customJobs: CustomJobSimulator;
  hpTuningJobs: { start(name: string): void };
}

/** JobService's custom and hyperparameter tuning jobs (batch prediction jobs are registered separately). */
export function registerJobService(emu: Emulator): JobSimulators {
  return { customJobs: registerCustomJobs(emu), hpTuningJobs: registerHpTuningJobs(emu) };
}

/** Control endpoints the job service adds (`POST /emulator/v1/customJobs:generate`). */
export function jobControlGenerators(emu: Emulator): ControlGenerators {
  return { 'customJobs:generate': async (body) => generateCustomJobs(emu, body) };
}
