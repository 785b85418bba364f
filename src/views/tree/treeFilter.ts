import * as vscode from 'vscode';
import type { UserInput } from '../../commands/userInput';

/** A view's title-bar filter: one state category and/or a text matched on display names. */
export interface TreeFilterValue {
  state?: string;
  text?: string;
}

export interface FilterStateOption {
  /** The value a view's list calls translate, e.g. `running`. */
  value: string;
  label: string;
}

export function isFiltered(filter: TreeFilterValue): boolean {
  return Boolean(filter.state || filter.text);
}

/** The text shown as the view's description while a filter is on. */
export function describeFilter(filter: TreeFilterValue, states: readonly FilterStateOption[]): string | undefined {
  const parts: string[] = [];
  if (filter.state) parts.push(states.find((s) => s.value === filter.state)?.label ?? filter.state);
  if (filter.text) parts.push(`“${filter.text}”`);
  return parts.length ? vscode.l10n.t('Filter: {0}', parts.join(' · ')) : undefined;
}

/**
 * The AIP-160 clause for a display-name search, as Vertex AI list calls accept it
 * (`:` with `*` wildcards). Quotes and backslashes in the text are escaped.
 */
export function displayNameClause(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  return `display_name:"*${t.replace(/[\\"]/g, (c) => `\\${c}`)}*"`;
}

/** Asks for a state (when the view has states) and a text; undefined when cancelled. */
export async function promptFilter(ui: UserInput, current: TreeFilterValue, states: readonly FilterStateOption[]): Promise<TreeFilterValue | undefined> {
  let state = current.state;
  if (states.length) {
    const picked = await ui.pick<string>(
      [{ label: vscode.l10n.t('Any state'), value: '' }, ...states.map((s) => ({ label: s.label, value: s.value, picked: s.value === current.state }))],
      { title: vscode.l10n.t('Filter by state'), placeholder: vscode.l10n.t('Show only items in this state') },
    );
    if (picked === undefined) return undefined;
    state = picked || undefined;
  }
  const text = await ui.input({ title: vscode.l10n.t('Filter by name'), prompt: vscode.l10n.t('Show only items whose display name contains this text (empty for all)'), value: current.text ?? '' });
  if (text === undefined) return undefined;
  return { state, text: text.trim() || undefined };
}
