// Shared by the two phases of the deploy-across-a-reload test (before/ and after/).
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { NodeSnapshot } from '../../../src/views/tree/resourceTreeProvider';
import { emulatorUrl, extensionApi, waitFor } from '../explorer/explorerHarness';

export const ENDPOINTS = 'vertexAI.endpoints';
export const ENDPOINT_DISPLAY_NAME = 'reload-endpoint';
/** Long enough to outlast the reload on a busy machine, short enough for the second phase to wait out. */
export const DEPLOY_SECONDS = 40;

export const SUITE_TITLE = 'Window reload: a deployment started before it';

export async function rest(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulatorUrl()}/v1/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function openEndpointsView(): Promise<ExtensionApi> {
  const api = await extensionApi();
  await vscode.commands.executeCommand(`${ENDPOINTS}.focus`);
  return api;
}

/** The test endpoint's node once `matches` holds for it. */
export function endpointNode(api: ExtensionApi, what: string, matches: (node: NodeSnapshot) => boolean, timeoutMs?: number): Promise<NodeSnapshot> {
  return waitFor(what, async () => (await api.getTreeNodes(ENDPOINTS)).find((n) => n.label === ENDPOINT_DISPLAY_NAME && matches(n)), timeoutMs);
}
