import { DEMO_TIMINGS } from './core/emulator';
import { isStatusName } from './core/errors';
import type { FaultRule } from './core/faults';
import { extensionSettings, gcloudEnvironment } from './core/endpoint-settings';
import { DEMO_PROJECT, DEMO_REGION } from './seed/demo';
import { startEmulator } from './server';

const USAGE = `Usage: npm run emulator -- [--port N] [--seed demo] [--state FILE] [--require-auth] [--fast]
                            [--fault METHOD=CODE[:COUNT]]... [--latency-ms N] [--tail-drop-after N]

  --port N        port on 127.0.0.1 (default 8089; 0 picks a free one)
  --seed demo     demo-project in us-central1 with jobs, models, endpoints, datasets, ...
  --state FILE    load the state from FILE at start (if it exists), save it there on exit
  --require-auth  calls without "authorization: Bearer ..." get UNAUTHENTICATED
  --fast          test timings (jobs finish in about a second) instead of realistic ones
  --fault ...     fail METHOD (full gRPC name, a prefix ending in *, or *) with CODE
                  (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, PERMISSION_DENIED, ...),
                  COUNT times or forever
  --latency-ms N  add N ms to every call
  --tail-drop-after N  log tail streams end with UNAVAILABLE after N entries

Labels on a custom job steer it: emulator-outcome=fail (ends FAILED with a traceback),
emulator-run-seconds=N (how long it runs).`;

interface Args {
  faults: FaultRule[];
  tailDropAfter?: number;
  port: number;
  seed?: 'demo';
  state?: string;
  requireAuth: boolean;
  fast: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 8089, requireAuth: false, fast: false, faults: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') args.port = Number(value());
    else if (a === '--seed') {
      const v = value();
      if (v !== 'demo') throw new Error(`unknown seed "${v}" (only "demo" exists)`);
      args.seed = v;
    } else if (a === '--state') args.state = value();
    else if (a === '--require-auth') args.requireAuth = true;
    else if (a === '--fast') args.fast = true;
    else if (a === '--fault') args.faults.push(parseFault(value()));
    else if (a === '--latency-ms') args.faults.push({ method: '*', latencyMs: Number(value()) });
    else if (a === '--tail-drop-after') args.tailDropAfter = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port needs a number from 0 to 65535');
  return args;
}

function parseFault(spec: string): FaultRule {
  const m = /^([^=]+)=([A-Z_]+)(?::(\d+))?$/.exec(spec);
  if (!m || !isStatusName(m[2])) throw new Error(`--fault wants METHOD=CODE[:COUNT], got "${spec}"`);
  return { method: m[1], code: m[2], ...(m[3] ? { count: Number(m[3]) } : {}) };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const emu = await startEmulator({
    port: args.port,
    ...(args.seed ? { seed: args.seed } : {}),
    ...(args.state ? { statePath: args.state } : {}),
    requireAuth: args.requireAuth,
    ...(args.fast ? {} : { timings: DEMO_TIMINGS }),
    faults: args.faults,
  });
  if (args.tailDropAfter !== undefined) emu.faults.tailDropAfterEntries = args.tailDropAfter;
  const settings = extensionSettings(emu.url, DEMO_PROJECT, DEMO_REGION);
  const env = gcloudEnvironment(emu.url, DEMO_PROJECT, DEMO_REGION);
  console.log(`Vertex AI emulator listening on ${emu.url} (gRPC and REST)${args.seed ? ', seeded with the demo' : ''}${args.requireAuth ? ', bearer token required' : ''}`);
  console.log('\nVS Code settings (settings.json):');
  console.log(JSON.stringify(settings, null, 2));
  console.log('\ngcloud (paste into a shell; uses a scratch config dir):');
  console.log(`export CLOUDSDK_CONFIG=$(mktemp -d)`);
  for (const [k, v] of Object.entries(env)) console.log(`export ${k}=${v}`);
  console.log('\nControl API: POST/GET/DELETE /emulator/v1/faults, POST /emulator/v1/reset, POST /emulator/v1/customJobs:generate');
  if (args.state) console.log(`State is saved to ${args.state} on exit.`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping${args.state ? ` and saving state to ${args.state}` : ''}...`);
    await emu.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
