import { createHash } from 'node:crypto';
import type { Emulator } from '../core/emulator';
import type { JsonObject } from '../core/json';
import { isJsonObject } from '../core/json';
import { ApiError } from '../core/errors';
import { getObject } from '../storage/objects';
import { parseDockerImageUri, recordDockerImage } from '../artifactregistry/repositories';
import { TERMINAL, storedBuild, updateBuild } from './builds';
import { logTargetOf, writeBuildLog } from './build-log';
import { TarError, readTar } from './tar';
import type { TarEntry } from './tar';
import { dockerBuildOf, dockerBuildOutput } from './docker-step';

/**
 * Plays a build as the service would: QUEUED, then WORKING through FETCHSOURCE, each step,
 * and PUSH, then SUCCESS or FAILURE with a `statusDetail` and `failureInfo`. Each phase takes
 * `timings.operationMs`. Docker build steps need their Dockerfile in the source; pushed
 * images land in the emulated Artifact Registry with a sha256 digest.
 */
class BuildFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly logLines: string[] = [],
  ) {
    super(message);
  }
}

const now = () => new Date().toISOString();

export function runBuild(emu: Emulator, key: string): void {
  const store = emu.store;
  const step = emu.timings.operationMs;
  const target = logTargetOf(storedBuild(store, key).build);
  const log = (lines: string[]) => writeBuildLog(store, target, lines);
  const running = () => !TERMINAL.has(String(storedBuild(store, key).build.status));

  void (async () => {
    await emu.timers.sleep(step);
    if (!running()) return;
    const started = now();
    let build = updateBuild(store, key, (b) => {
      b.status = 'WORKING';
      b.startTime = started;
    });
    const timing: Record<string, { startTime: string; endTime: string }> = {};
    try {
      log(['starting build "' + String(build.id) + '"', '', 'FETCHSOURCE']);
      const entries = fetchSource(store, key, build, log);
      timing.FETCHSOURCE = { startTime: started, endTime: now() };
      const steps = (build.steps as JsonObject[]) ?? [];
      const buildStart = now();
      log(['BUILD']);
      const built = new Map<string, string>();
      for (let i = 0; i < steps.length; i++) {
        const stepStart = now();
        build = updateBuild(store, key, (b) => {
          (b.steps as JsonObject[])[i].status = 'WORKING';
        });
        await emu.timers.sleep(step);
        if (!running()) return;
        const prefix = steps.length > 1 ? `Step #${i}: ` : '';
        if (steps.length > 1) log([`Starting Step #${i}`]);
        const outcome = runStep(steps[i], i, entries, build, built);
        log(outcome.lines.map((l) => prefix + l));
        if (steps.length > 1) log([`Finished Step #${i}`]);
        build = updateBuild(store, key, (b) => {
          const s = (b.steps as JsonObject[])[i];
          s.status = outcome.failure ? 'FAILURE' : 'SUCCESS';
          s.timing = { startTime: stepStart, endTime: now() };
        });
        if (outcome.failure) throw outcome.failure;
      }
      timing.BUILD = { startTime: buildStart, endTime: now() };
      const images = (build.images as string[] | undefined) ?? [];
      const results: JsonObject[] = [];
      if (images.length > 0) {
        const pushStart = now();
        log(['PUSH']);
        await emu.timers.sleep(step);
        if (!running()) return;
        for (const image of images) results.push(push(emu, image, built, log));
        timing.PUSH = { startTime: pushStart, endTime: now() };
      }
      log(['DONE']);
      updateBuild(store, key, (b) => {
        b.status = 'SUCCESS';
        b.finishTime = now();
        b.timing = timing;
        b.results = { ...(results.length ? { images: results } : {}), buildStepImages: steps.map(() => ''), buildStepOutputs: steps.map(() => '') };
      });
    } catch (e) {
      if (!running()) return;
      const failure = e instanceof BuildFailure ? e : new BuildFailure('INTERNAL_ERROR', e instanceof Error ? e.message : String(e));
      log([...failure.logLines, 'ERROR', `ERROR: ${failure.message}`]);
      updateBuild(store, key, (b) => {
        b.status = failure.type === 'INTERNAL_ERROR' ? 'INTERNAL_ERROR' : 'FAILURE';
        b.statusDetail = failure.type === 'USER_BUILD_STEP' ? `Build step failure: ${failure.message}` : failure.message;
        b.failureInfo = { type: failure.type, detail: String(b.statusDetail) };
        b.finishTime = now();
        b.timing = timing;
      });
    }
  })();
}

function fetchSource(store: Emulator['store'], key: string, build: JsonObject, log: (lines: string[]) => void): TarEntry[] | undefined {
  const source = isJsonObject(build.source) && isJsonObject(build.source.storageSource) ? build.source.storageSource : undefined;
  if (!source) return undefined;
  const bucket = String(source.bucket);
  const name = String(source.object);
  const object = getObject(store, bucket, name);
  if (!object) throw new BuildFailure('FETCH_SOURCE_FAILED', `failed to fetch source: storage: object doesn't exist: gs://${bucket}/${name}`);
  const uri = `gs://${bucket}/${name}#${object.resource.generation}`;
  updateBuild(store, key, (b) => {
    b.sourceProvenance = {
      resolvedStorageSource: { bucket, object: name, generation: object.resource.generation },
      fileHashes: { [uri]: { fileHash: [{ type: 'MD5', value: object.resource.md5Hash }] } },
    };
  });
  log([`Fetching storage object: ${uri}`, `Copying ${uri}...`, `Operation completed over 1 objects/${object.data.length} B.`]);
  try {
    return readTar(object.data);
  } catch (e) {
    const why = e instanceof TarError ? e.message : 'unreadable archive';
    throw new BuildFailure('FETCH_SOURCE_FAILED', `failed to unpack source gs://${bucket}/${name}: ${why}`);
  }
}

function runStep(step: JsonObject, index: number, entries: TarEntry[] | undefined, build: JsonObject, built: Map<string, string>): { lines: string[]; failure?: BuildFailure } {
  const name = String(step.name);
  const lines = [`Already have image (with digest): ${name}`];
  const docker = dockerBuildOf(step);
  if (!docker) return { lines };
  const out = dockerBuildOutput(docker, entries ?? [], String(build.id));
  lines.push(...out.lines);
  if (out.error) {
    return { lines, failure: new BuildFailure('USER_BUILD_STEP', `build step ${index} "${name}" failed: step exited with non-zero status: 1`, []) };
  }
  for (const tag of docker.tags) built.set(tag, out.contentHash);
  return { lines };
}

function push(emu: Emulator, image: string, built: Map<string, string>, log: (lines: string[]) => void): JsonObject {
  const contentHash = built.get(image) ?? built.get(`${image}:latest`);
  if (!contentHash) {
    throw new BuildFailure('PUSH_FAILED', `failed to find one or more images after execution of build steps: ["${image}"]`);
  }
  const digest = `sha256:${createHash('sha256').update(`${contentHash}\n${image}`).digest('hex')}`;
  const repoPath = image.replace(/[:@][^/]*$/, '');
  const tag = /:([\w][\w.-]*)$/.exec(image)?.[1] ?? 'latest';
  log([`Pushing ${image}`, `The push refers to repository [${repoPath}]`]);
  const ref = parseDockerImageUri(image.includes(':') ? image : `${image}:latest`);
  if (ref) {
    try {
      recordDockerImage(emu.store, { ref, digest, imageSizeBytes: 52_428_800 + parseInt(contentHash.slice(0, 6), 16), buildTime: new Date().toISOString() });
    } catch (e) {
      const why = e instanceof ApiError ? `name unknown: Repository "${ref.repository}" not found` : String(e);
      throw new BuildFailure('PUSH_FAILED', `failed to push image "${image}": ${why}`, [why]);
    }
  }
  log([`${tag}: digest: ${digest} size: 1573`]);
  return { name: image, digest, pushTiming: { startTime: now(), endTime: now() } };
}
