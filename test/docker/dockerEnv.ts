// What start-dockerd.sh started: the daemon's socket, the loopback registry and the local base image.
import { readFileSync } from 'node:fs';
import type { ContainerCli } from '../../src/build/container-cli';
import { findContainerCli, isCliProblem } from '../../src/build/container-cli';

export interface DockerTestEnv {
  env: NodeJS.ProcessEnv;
  registry: string;
  baseImage: string;
}

export function dockerTestEnv(): DockerTestEnv {
  const stateDir = process.env.VERTEX_TEST_DOCKER_STATE ?? '/tmp/vertex-test-docker-state';
  let text: string;
  try {
    text = readFileSync(`${stateDir}/env`, 'utf8');
  } catch {
    throw new Error(`No Docker test daemon: run test/docker/start-dockerd.sh first (${stateDir}/env is missing).`);
  }
  const values = Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  const { DOCKER_HOST, VERTEX_TEST_REGISTRY, VERTEX_TEST_BASE_IMAGE } = values;
  if (!DOCKER_HOST || !VERTEX_TEST_REGISTRY || !VERTEX_TEST_BASE_IMAGE) throw new Error(`${stateDir}/env is incomplete: run test/docker/start-dockerd.sh again.`);
  // A throwaway client config: the tests never read or write the user's ~/.docker.
  return { env: { ...process.env, DOCKER_HOST, DOCKER_CONFIG: `${stateDir}/client-config` }, registry: VERTEX_TEST_REGISTRY, baseImage: VERTEX_TEST_BASE_IMAGE };
}

export async function dockerCli(env: NodeJS.ProcessEnv): Promise<ContainerCli> {
  const cli = await findContainerCli(['docker'], env);
  if (isCliProblem(cli)) throw new Error(cli.message);
  return cli;
}
