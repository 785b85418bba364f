import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A plain HTTP/1.1 handler mounted on the emulator's port (Cloud Storage, Cloud Build,
 * Artifact Registry, the control API). It returns false when the request is not its own,
 * so the next route, and finally the proto-driven REST gateway, gets it.
 */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
