import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { isSpecPath } from './specFileNames';

const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
const SCHEMA_URI = 'vertexai-spec-schema://schemas/vertex-job.schema.json';

/** The part of Red Hat's YAML extension API used here (its schema-extension-api). */
interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
    label?: string,
  ): boolean;
}

/**
 * When Red Hat's YAML extension is installed, it also validates and completes `*.vertex.yaml` with
 * the spec's JSON Schema (hover docs, field names). Without it, nothing changes: the extension's
 * own diagnostics and completions do not depend on it.
 */
export async function registerSchemaWithYamlExtension(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  const yaml = vscode.extensions.getExtension<Partial<YamlExtensionApi>>(YAML_EXTENSION_ID);
  if (!yaml) return;
  try {
    const api = yaml.isActive ? yaml.exports : await yaml.activate();
    if (typeof api?.registerContributor !== 'function') return;
    const schemaFile = vscode.Uri.joinPath(extensionUri, 'schemas', 'vertex-job.schema.json').fsPath;
    api.registerContributor(
      'vertexai',
      (resource) => (isSpecPath(resource) && !/\.json$/i.test(resource) ? SCHEMA_URI : undefined),
      (uri) => (uri === SCHEMA_URI ? readFileSync(schemaFile, 'utf8') : undefined),
      'Vertex AI job spec',
    );
    log.info(`Registered the job spec schema with ${YAML_EXTENSION_ID}.`);
  } catch (err) {
    log.warn(`Could not register the job spec schema with ${YAML_EXTENSION_ID}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
