import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../core/emulator';
import type { FaultRule } from '../core/faults';
import type { HttpRoute } from '../core/http-route';
import { isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';
import { send } from '../core/rest-gateway';

/**
 * The emulator's own control API, on the same port under /emulator/v1/:
 * - `POST /emulator/v1/faults` `{method, code?, message?, count?, after?, latencyMs?}` or
 *   `{tailDropAfterEntries: N}`; `GET` lists them; `DELETE` clears them all.
 * - `POST /emulator/v1/reset` empties the state.
 * - `POST /emulator/v1/customJobs:generate` `{parent?, count, state?}` adds synthetic jobs fast.
 */
export function controlRoutes(emu: Emulator, generators: ControlGenerators = {}): HttpRoute {
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/emulator/v1/')) return false;
    const path = url.pathname.slice('/emulator/v1/'.length);
    const verb = req.method ?? 'GET';
    try {
      if (path === 'faults' && verb === 'GET') return reply(res, { faults: emu.faults.list() as unknown as JsonObject[], tailDropAfterEntries: emu.faults.tailDropAfterEntries ?? null });
      if (path === 'faults' && verb === 'DELETE') {
        emu.faults.clear();
        return reply(res, {});
      }
      if (path === 'faults' && verb === 'POST') {
        const body = await readJson(req);
        if (typeof body.tailDropAfterEntries === 'number') emu.faults.tailDropAfterEntries = body.tailDropAfterEntries;
        else emu.faults.add(body as unknown as FaultRule);
        return reply(res, { faults: emu.faults.list() as unknown as JsonObject[] });
      }
      if (path === 'reset' && verb === 'POST') {
        emu.reset();
        return reply(res, {});
      }
      const generator = verb === 'POST' ? generators[path] : undefined;
      if (generator) return reply(res, await generator(await readJson(req)));
      send(res, 404, { error: { code: 404, message: `No control endpoint ${verb} ${url.pathname}`, status: 'NOT_FOUND' } });
      return true;
    } catch (e) {
      send(res, 400, { error: { code: 400, message: (e as Error).message, status: 'INVALID_ARGUMENT' } });
      return true;
    }
  };
}

/** Extra POST endpoints by path, e.g. `customJobs:generate`, supplied by the services. */
export type ControlGenerators = Record<string, (body: JsonObject) => Promise<JsonObject>>;

function reply(res: ServerResponse, body: JsonObject): true {
  send(res, 200, body);
  return true;
}

async function readJson(req: IncomingMessage): Promise<JsonObject> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!isJsonObject(parsed)) throw new Error('Expected a JSON object');
  return parsed;
}
