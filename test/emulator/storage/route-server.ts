import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from '../core/http-route';

/**
 * Serves a few HTTP routes on 127.0.0.1 and an ephemeral port, for the unit tests of one
 * service's routes without the whole emulator. Unmatched requests get a plain 404.
 */
export async function serveRoutes(routes: HttpRoute[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void (async () => {
      for (const route of routes) if (await route(req, res, url)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no route');
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
