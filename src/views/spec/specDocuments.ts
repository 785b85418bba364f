import type * as vscode from 'vscode';
import { isSpecPath } from './specFileNames';

/** `*.vertex.yaml`, `*.vertex.yml` and `*.vertex.json` files, whatever language mode they are in. */
export const SPEC_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.vertex.{yaml,yml,json}' }];

export function isSpecDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== 'output' && isSpecPath(document.uri.path);
}
