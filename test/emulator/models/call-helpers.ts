import assert from 'node:assert/strict';
import { Emulator } from '../core/emulator';
import { ApiError } from '../core/errors';
import type { JsonObject } from '../core/json';

/** Unit-test helpers: call registered handlers the way both transports do, without a server. */
export function newEmulator(...register: Array<(emu: Emulator) => void>): Emulator {
  const emu = new Emulator();
  for (const r of register) r(emu);
  return emu;
}

export async function call(emu: Emulator, method: string, request: JsonObject): Promise<JsonObject> {
  const full = `google.cloud.aiplatform.v1.${method}`;
  const reg = emu.registry.lookup(full);
  if (reg?.kind !== 'unary') throw new Error(`${full} is not registered`);
  return reg.handler(structuredClone(request), { method: full, transport: 'grpc', metadata: {}, emu, signal: new AbortController().signal });
}

/** Waits for a long-running operation and returns its response; throws its error as an ApiError. */
export async function finish(emu: Emulator, op: JsonObject): Promise<JsonObject> {
  assert.equal(op.done, false, 'the operation should start pending');
  const done = await emu.operations.wait(String(op.name), 5_000);
  assert.equal(done.done, true, `operation ${String(op.name)} did not finish`);
  if (done.error) {
    const e = done.error as JsonObject;
    throw new ApiError(Number(e.code), String(e.message));
  }
  return done.response as JsonObject;
}

export function isStatus(name: string, message?: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof ApiError && e.status === name && (!message || message.test(e.message));
}

/** Polls `get` until `until` holds (fast timings make this a few hundred ms at most). */
export async function eventually(get: () => Promise<JsonObject>, until: (r: JsonObject) => boolean, timeoutMs = 5_000): Promise<JsonObject> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await get();
    if (until(r)) return r;
    if (Date.now() > end) assert.fail(`condition not met; last value: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
