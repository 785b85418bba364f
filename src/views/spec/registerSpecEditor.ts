import * as vscode from 'vscode';
import { SpecCodeActions } from './specCodeActions';
import { SpecCodeLens } from './specCodeLens';
import { SpecCompletions } from './specCompletions';
import { SpecDiagnostics } from './specDiagnostics';
import { isSpecDocument, SPEC_SELECTOR } from './specDocuments';
import { registerSchemaWithYamlExtension } from './yamlExtensionSchema';

/**
 * Editing support for `*.vertex.yaml|yml|json`: diagnostics, quick fixes, value completions and the
 * CodeLens. Registering is cheap; the spec model loads with the first spec file.
 */
export function registerSpecEditor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SpecDiagnostics {
  const diagnostics = new SpecDiagnostics(log);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SPEC_SELECTOR, new SpecCodeActions(diagnostics), SpecCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(SPEC_SELECTOR, new SpecCompletions(), ...SpecCompletions.triggerCharacters),
    vscode.languages.registerCodeLensProvider(SPEC_SELECTOR, new SpecCodeLens()),
  );
  let yamlSchemaRegistered = false;
  const onSpecSeen = (doc: vscode.TextDocument): void => {
    if (yamlSchemaRegistered || !isSpecDocument(doc)) return;
    yamlSchemaRegistered = true;
    void registerSchemaWithYamlExtension(context.extensionUri, log);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(onSpecSeen));
  const initial = setTimeout(() => vscode.workspace.textDocuments.forEach(onSpecSeen), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(initial) });
  return diagnostics;
}
