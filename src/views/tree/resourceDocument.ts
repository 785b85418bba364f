import * as vscode from 'vscode';
import type * as Yaml from 'yaml';
import { getResourceJson } from '../../cloud/resourceDetails';
import type { SessionClients } from './sessionClients';

export const RESOURCE_SCHEME = 'vertexai-resource';

export type DetailsFormat = 'yaml' | 'json';

/** `vertexai-resource:/projects/p/locations/l/customJobs/1.yaml`: the file extension picks the language. */
export function resourceUri(name: string, format: DetailsFormat): vscode.Uri {
  return vscode.Uri.from({ scheme: RESOURCE_SCHEME, path: `/${name}.${format}` });
}

function parseUri(uri: vscode.Uri): { name: string; format: DetailsFormat } {
  const m = /^\/(.+)\.(yaml|json)$/.exec(uri.path);
  if (!m) throw new Error(`Not a Vertex AI resource document: ${uri.toString()}`);
  return { name: m[1], format: m[2] as DetailsFormat };
}

/** Read-only documents showing a resource as the API returns it, fetched when opened. */
export class ResourceDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly session: SessionClients) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(RESOURCE_SCHEME, this);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { name, format } = parseUri(uri);
    const json = await getResourceJson(await this.session.clients(), name);
    if (format === 'json') return `${JSON.stringify(json, null, 2)}\n`;
    // yaml is only needed here; requiring it lazily keeps it off the activation path.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require('yaml') as typeof Yaml;
    return YAML.stringify(json, { lineWidth: 0 });
  }

  /** Shows the resource; an open document of it is fetched again. */
  async show(name: string, format: DetailsFormat): Promise<vscode.TextEditor> {
    const uri = resourceUri(name, format);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
