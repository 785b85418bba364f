import * as vscode from 'vscode';
import type * as CompletionContextModule from './completionContext';
import type * as CompletionItemsModule from './completionItems';

/* eslint-disable @typescript-eslint/no-require-imports */
const contextModule = (): typeof CompletionContextModule => require('./completionContext') as typeof CompletionContextModule;
const itemsModule = (): typeof CompletionItemsModule => require('./completionItems') as typeof CompletionItemsModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Values for the field under the cursor: machine types, accelerators and counts, topologies, images, regions, enums. */
export class SpecCompletions implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = [':', ' ', '"'];

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const text = doc.getText();
    const context = contextModule().valueCompletionContext(text, doc.offsetAt(position));
    if (context === undefined) return [];
    const range = new vscode.Range(doc.positionAt(context.replace[0]), doc.positionAt(context.replace[1]));
    return itemsModule().valueCompletions(context.path, context.root).map((value) => {
      const item = new vscode.CompletionItem(value.label, vscode.CompletionItemKind.Value);
      item.range = range;
      if (value.detail !== undefined) item.detail = value.detail;
      if (value.sortText !== undefined) item.sortText = value.sortText;
      return item;
    });
  }
}
