import type { Emulator } from '../core/emulator';
import { unavailable } from '../core/errors';
import type { JsonObject, JsonValue } from '../core/json';
import type { CallContext, StreamWriter } from '../core/registry';
import { logStoreOf } from './log-store';
import type { LogEntryJson } from './log-store';
import { filterOf, scopeOf } from './request-scope';

/**
 * TailLogEntries: the first client message says what to follow; from then on every entry
 * written that matches is sent, in the batches it was written in, until the client cancels
 * or the emulator stops. The "tail drops after N entries" fault ends it with UNAVAILABLE.
 */
export function registerTail(emu: Emulator, method: string): void {
  const open = new Set<() => void>();
  emu.onStop(() => {
    for (const close of [...open]) close();
  });
  emu.registry.bidi(method, async (incoming, ctx, out) => {
    const first = await firstMessage(incoming);
    if (!first) return;
    await follow(emu, first, ctx, out, open);
  });
}

/**
 * Reads only the first message, without `return()`ing the iterator: leaving a for-await early
 * would destroy the call's stream and end the tail. Later messages change nothing (the client
 * library sends exactly one).
 */
async function firstMessage(incoming: AsyncIterable<JsonObject>): Promise<JsonObject | undefined> {
  const next = await incoming[Symbol.asyncIterator]().next();
  return next.done ? undefined : next.value;
}

function follow(emu: Emulator, req: JsonObject, ctx: CallContext, out: StreamWriter, open: Set<() => void>): Promise<void> {
  const inScope = scopeOf(emu.store, req.resourceNames);
  const matches = filterOf(req.filter);
  const logs = logStoreOf(emu.store);
  let sent = 0;
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      unsubscribe();
      ctx.signal.removeEventListener('abort', onAbort);
      open.delete(onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish();
    const dropIfDue = () => {
      const limit = emu.faults.tailDropAfterEntries;
      if (limit !== undefined && sent >= limit) finish(unavailable('The tail stream was interrupted. Reconnect to continue.'));
    };
    const unsubscribe = logs.subscribe((batch: readonly LogEntryJson[]) => {
      let entries = batch.filter((e) => inScope(e) && matches(e));
      if (entries.length === 0) return;
      const limit = emu.faults.tailDropAfterEntries;
      if (limit !== undefined) entries = entries.slice(0, Math.max(0, limit - sent));
      if (entries.length > 0) {
        out.write({ entries: entries as unknown as JsonValue[] });
        sent += entries.length;
      }
      dropIfDue();
    });
    ctx.signal.addEventListener('abort', onAbort);
    open.add(onAbort);
    if (ctx.signal.aborted) onAbort();
    else dropIfDue();
  });
}
