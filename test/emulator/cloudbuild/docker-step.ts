import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { JsonObject } from '../core/json';
import type { TarEntry } from './tar';

/**
 * A `docker build` build step (the `gcr.io/cloud-builders/docker` builder, as
 * `gcloud builds submit --tag` makes it) and the output the legacy Docker builder prints
 * for it, derived from the Dockerfile in the source; no container is run.
 */
export interface DockerBuild {
  /** Paths inside /workspace, normalised, without a leading slash ('' is the workspace). */
  context: string;
  dockerfile: string;
  tags: string[];
}

const VALUE_FLAGS = new Set([
  '-t', '--tag', '-f', '--file', '--network', '--build-arg', '--cache-from', '--target', '--label', '--platform',
  '--progress', '--secret', '--ssh', '--add-host', '--iidfile', '-m', '--memory', '--shm-size', '--ulimit',
  '--cpuset-cpus', '--isolation', '-o', '--output',
]);

export function dockerBuildOf(step: JsonObject): DockerBuild | undefined {
  const name = String(step.name);
  const args = Array.isArray(step.args) ? step.args.map(String) : [];
  const isDocker = /(^|\/)(cloud-builders\/)?docker(:[\w.-]+)?(@sha256:[0-9a-f]+)?$/.test(name) || step.entrypoint === 'docker';
  if (!isDocker || args[0] !== 'build') return undefined;
  const tags: string[] = [];
  let file: string | undefined;
  const positional: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i] ?? '';
      if (flag === '-t' || flag === '--tag') tags.push(value);
      if (flag === '-f' || flag === '--file') file = value;
    } else if (!arg.startsWith('-')) {
      positional.push(arg);
    }
  }
  const dir = typeof step.dir === 'string' ? step.dir : '';
  const inWorkspace = (p: string) => posix.normalize(posix.join('/workspace', dir, p)).replace(/^\/workspace\/?/, '');
  const context = inWorkspace(positional[positional.length - 1] ?? '.');
  return { context, dockerfile: file ? inWorkspace(file) : posix.join(context, 'Dockerfile').replace(/^\.\//, ''), tags };
}

/** Docker's HumanSize: decimal units, four significant digits. */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Number(value.toPrecision(4))}${units[unit]}`;
}

function instructions(dockerfile: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of dockerfile.split(/\r?\n/)) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    out.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending.trim()) out.push(pending.trim());
  return out;
}

const shortId = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 12);

export function dockerBuildOutput(build: DockerBuild, entries: TarEntry[], buildId: string): { lines: string[]; error?: string; contentHash: string } {
  const within = (name: string) => build.context === '' || build.context === '.' || name === build.context || name.startsWith(`${build.context}/`);
  const files = entries.filter((e) => e.type === '0' && within(e.name));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.data);
  const contentHash = hash.digest('hex');
  const contextExists = build.context === '' || entries.some((e) => e.name.replace(/\/$/, '') === build.context || e.name.startsWith(`${build.context}/`));
  if (!contextExists) {
    const error = `unable to prepare context: path "${build.context}" not found`;
    return { lines: [error], error, contentHash };
  }
  const dockerfile = entries.find((e) => e.type === '0' && e.name === build.dockerfile);
  if (!dockerfile) {
    const error = `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /workspace/${build.dockerfile}: no such file or directory`;
    return { lines: [error], error, contentHash };
  }
  const steps = instructions(dockerfile.data.toString('utf8'));
  if (steps.length === 0) {
    const error = `Error response from daemon: the Dockerfile (${posix.basename(build.dockerfile)}) cannot be empty`;
    return { lines: [error], error, contentHash };
  }
  const lines = [`Sending build context to Docker daemon  ${humanSize(files.reduce((n, f) => n + f.data.length, 0))}`];
  steps.forEach((instruction, i) => {
    lines.push(`Step ${i + 1}/${steps.length} : ${instruction}`);
    const layer = shortId(`${contentHash}/${i}`);
    if (/^RUN\s/i.test(instruction)) {
      const container = shortId(`${buildId}/${i}`);
      lines.push(` ---> Running in ${container}`, `Removing intermediate container ${container}`);
    }
    lines.push(` ---> ${layer}`);
  });
  lines.push(`Successfully built ${shortId(`${contentHash}/${steps.length - 1}`)}`);
  for (const tag of build.tags) lines.push(`Successfully tagged ${tag}`);
  return { lines, contentHash };
}
