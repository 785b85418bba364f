import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { Clock } from './core/clock';
import { Emulator, FAST_TIMINGS } from './core/emulator';
import type { Timings } from './core/emulator';
import { unauthenticated } from './core/errors';
import type { FaultRule } from './core/faults';
import { createGrpcServer } from './core/grpc-server';
import { handleRest, send } from './core/rest-gateway';
import { artifactRegistryRoutes } from './artifactregistry/routes';
import { registerBatchPredictionJobs } from './batch/service';
import { cloudBuildRoutes } from './cloudbuild/routes';
import { controlRoutes } from './control/routes';
import { registerDatasetService } from './datasets/service';
import { registerEndpointService, registerPredictionService } from './endpoints/service';
import { jobControlGenerators, registerJobService } from './jobs/service';
import type { JobSimulators } from './jobs/service';
import { registerLogging } from './logging/service';
import { registerModelService } from './models/service';
import { registerPipelineService } from './pipelines/service';
import { registerResourceManager } from './resourcemanager/service';
import { seedDemo } from './seed/demo';
import { storageRoutes } from './storage/routes';

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: 'demo';
  /** Loaded at start when the file exists, saved at stop. */
  statePath?: string;
  requireAuth?: boolean;
  timings?: Partial<Timings>;
  faults?: FaultRule[];
  clock?: Clock;
}

/**
 * Starts the emulator on 127.0.0.1: one port serving gRPC (h2c, told apart by the
 * HTTP/2 preface) and HTTP/1.1 (plain routes, then the REST gateway).
 */
export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const emu = new Emulator({ ...FAST_TIMINGS, ...options.timings }, options.clock, options.requireAuth ?? false);
  for (const rule of options.faults ?? []) emu.faults.add(rule);
  const sims = registerServices(emu);
  if (options.statePath && existsSync(options.statePath)) {
    emu.store.load(options.statePath);
    // Services restart the simulations of what was unfinished when the state was saved.
    emu.store.events.emit('loaded');
  }
  if (options.statePath) {
    const path = options.statePath;
    emu.onStop(() => emu.store.save(path));
  }

  const grpc = createGrpcServer(emu);
  const http = createHttpServer((req, res) => void serveHttp(emu, req, res));
  // Longer than any client's idle-socket timeout (Node's agent drops idle sockets after 5 s):
  // a server closing at the same moment a client reuses the socket gives ECONNRESET.
  http.keepAliveTimeout = 600_000;
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    // gRPC replies are small writes; Nagle's algorithm would hold each one ~40 ms for the ACK.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client resetting the connection must not take the emulator down.
    socket.on('error', () => socket.destroy());
    socket.once('data', (first) => {
      socket.pause();
      if (first.subarray(0, 3).toString('latin1') === 'PRI') {
        grpc.inject(replayed(socket, first));
      } else {
        socket.unshift(first);
        http.emit('connection', socket);
        socket.resume();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  emu.port = typeof address === 'object' && address ? address.port : 0;
  emu.url = `http://127.0.0.1:${emu.port}`;
  emu.onStop(
    () =>
      new Promise<void>((resolve) => {
        grpc.close();
        for (const s of sockets) s.destroy();
        http.close();
        server.close(() => resolve());
      }),
  );
  if (options.seed === 'demo') seedDemo(emu, sims);
  return emu;
}

/** Every service module, each given the same Emulator. */
function registerServices(emu: Emulator): JobSimulators {
  emu.addRoute(controlRoutes(emu, jobControlGenerators(emu)));
  const sims = registerJobService(emu);
  registerBatchPredictionJobs(emu);
  registerLogging(emu);
  registerModelService(emu);
  registerEndpointService(emu);
  registerPredictionService(emu);
  registerDatasetService(emu);
  registerPipelineService(emu);
  emu.addRoute(storageRoutes(emu));
  emu.addRoute(cloudBuildRoutes(emu));
  emu.addRoute(artifactRegistryRoutes(emu));
  registerResourceManager(emu);
  return sims;
}

/**
 * The socket as a JS stream that first replays the sniffed bytes: Node's HTTP/2 session
 * reads a raw socket's handle natively and would miss them, but wraps JS streams.
 */
function replayed(socket: Socket, first: Buffer): Duplex {
  const duplex = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _enc, cb) => void socket.write(chunk, cb),
    final: (cb) => {
      socket.end();
      cb();
    },
    destroy: (err, cb) => {
      socket.destroy(err ?? undefined);
      cb(err);
    },
  });
  duplex.push(first);
  socket.on('data', (d: Buffer) => {
    if (!duplex.push(d)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('close', () => duplex.destroy());
  socket.on('error', (e) => duplex.destroy(e));
  return duplex;
}

async function serveHttp(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', emu.url);
  try {
    const isControl = url.pathname.startsWith('/emulator/');
    if (!isControl && emu.requireAuth && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) {
      const err = unauthenticated();
      send(res, err.httpStatus, err.toRestJson());
      return;
    }
    for (const route of emu.routes) if (await route(req, res, url)) return;
    await handleRest(emu, req, res, url);
  } catch (e) {
    if (!res.headersSent) send(res, 500, { error: { code: 500, message: (e as Error).message, status: 'INTERNAL' } });
    else res.destroy();
  }
}
