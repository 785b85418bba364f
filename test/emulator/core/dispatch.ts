import type { Emulator } from './emulator';
import { ApiError, unauthenticated, unimplemented } from './errors';
import type { JsonObject } from './json';
import type { CallContext, Registration } from './registry';

/**
 * What every call goes through on both transports before its handler: the auth check
 * (`--require-auth`), injected faults (latency, then error), and the handler lookup.
 */
export async function admit(emu: Emulator, method: string, metadata: Readonly<Record<string, string>>): Promise<Registration> {
  if (emu.requireAuth && !/^Bearer\s+\S+/i.test(metadata.authorization ?? '')) throw unauthenticated();
  const fault = emu.faults.take(method);
  if (fault.latencyMs > 0) await emu.timers.sleep(fault.latencyMs);
  if (fault.error) throw fault.error;
  const reg = emu.registry.lookup(method);
  if (!reg) throw unimplemented(`Method ${method} is not implemented by the Vertex AI emulator.`);
  return reg;
}

export async function invokeUnary(emu: Emulator, ctx: CallContext, request: JsonObject): Promise<JsonObject> {
  const reg = await admit(emu, ctx.method, ctx.metadata);
  if (reg.kind !== 'unary') throw new ApiError(12, `${ctx.method} is a streaming method.`);
  return reg.handler(request, ctx);
}
