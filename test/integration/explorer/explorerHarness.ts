// Shared by the explorer's in-host tests: the extension's test API, scripted prompts, and the
// emulator the runner started for this launch (VERTEX_EMULATOR_URL).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { PickItem, UserInput } from '../../../src/commands/userInput';
import { getExtension, SHOW_CONTAINER_COMMAND } from '../extensionHost';

export const DEMO_LOCATION = 'projects/demo-project/locations/us-central1';

export async function extensionApi(): Promise<ExtensionApi> {
  await vscode.commands.executeCommand(SHOW_CONTAINER_COMMAND);
  return (await getExtension().activate()) as ExtensionApi;
}

/**
 * Mocha hooks for a suite whose tests script their prompts: each test gets fresh answers,
 * installed in the extension, and fails if any were left unused.
 */
export function scriptedInputPerTest(): { readonly input: ScriptedInput } {
  let api: ExtensionApi | undefined;
  let current: ScriptedInput | undefined;
  before(async () => {
    api = await extensionApi();
  });
  beforeEach(() => {
    current = new ScriptedInput();
    api?.setUserInput(current);
  });
  afterEach(() => current?.assertDone());
  return {
    get input(): ScriptedInput {
      if (!current) throw new Error('scriptedInputPerTest: no test is running.');
      return current;
    },
  };
}

/** Answers prompts from a script, in order; any prompt nobody expected fails the test. */
export class ScriptedInput implements UserInput {
  private readonly answers: { kind: 'pick' | 'input' | 'confirm'; value: unknown }[] = [];
  readonly asked: string[] = [];

  expectConfirm(answer: boolean): this {
    this.answers.push({ kind: 'confirm', value: answer });
    return this;
  }

  expectPick(value: unknown): this {
    this.answers.push({ kind: 'pick', value });
    return this;
  }

  expectInput(value: string | undefined): this {
    this.answers.push({ kind: 'input', value });
    return this;
  }

  assertDone(): void {
    assert.deepEqual(this.answers, [], 'scripted answers left unused');
  }

  private next(kind: 'pick' | 'input' | 'confirm', prompt: string): unknown {
    this.asked.push(prompt);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`Unexpected ${kind} prompt: ${prompt}`);
    if (answer.kind !== kind) throw new Error(`Expected a ${answer.kind} prompt, got ${kind}: ${prompt}`);
    return answer.value;
  }

  async pick<T>(items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>, options: { title: string }): Promise<T | undefined> {
    const value = this.next('pick', options.title);
    if (value !== undefined && !(await items).some((i) => i.value === value)) throw new Error(`${String(value)} is not among the choices of "${options.title}"`);
    return value as T | undefined;
  }

  async input(options: { title: string }): Promise<string | undefined> {
    return this.next('input', options.title) as string | undefined;
  }

  async confirm(message: string): Promise<boolean> {
    return this.next('confirm', message) as boolean;
  }
}

export function emulatorUrl(): string {
  const url = process.env.VERTEX_EMULATOR_URL;
  if (!url) throw new Error('VERTEX_EMULATOR_URL is not set: run these tests through npm run test:integration.');
  return url;
}

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulatorUrl()}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const emulator = {
  addFault: (rule: { method: string; code?: string; message?: string; count?: number; latencyMs?: number }) => call('POST', '/emulator/v1/faults', rule),
  clearFaults: () => call('DELETE', '/emulator/v1/faults'),
  generateCustomJobs: (count: number, state?: string) => call('POST', '/emulator/v1/customJobs:generate', { parent: DEMO_LOCATION, count, state }),
  createCustomJob: (displayName: string, labels: Record<string, string> = {}) =>
    call('POST', `/v1/${DEMO_LOCATION}/customJobs`, {
      displayName,
      labels,
      jobSpec: { workerPoolSpecs: [{ machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/demo-project/trainers/bert:1' } }] },
    }) as Promise<{ name: string }>,
  get: (name: string) => fetch(`${emulatorUrl()}/v1/${name}`),
};

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
