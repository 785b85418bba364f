import * as vscode from 'vscode';
import type { ModelVersion } from '../../cloud/models';
import { relativeAge } from '../trainingJobs/jobPresentation';

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** What serves the model: its prebuilt framework, else its image (without the registry path), else its source. */
export function servingSummary(v: ModelVersion): string {
  if (v.framework) return v.framework;
  if (v.containerImage) return v.containerImage.slice(v.containerImage.lastIndexOf('/') + 1);
  return v.sourceType ? v.sourceType.toLowerCase().replace(/_/g, ' ') : '';
}

/** Endpoint display names of a version's deployments, by endpoint resource name. */
export type EndpointNames = ReadonlyMap<string, string>;

export function deployedOn(v: ModelVersion, endpoints: EndpointNames): string[] {
  return [...new Set(v.deployedModels.map((d) => endpoints.get(d.endpoint) ?? d.endpoint.slice(d.endpoint.lastIndexOf('/') + 1)))];
}

/** "v2 · TensorFlow 2.15 (CPU) · 20 d ago" */
export function modelDescription(m: ModelVersion, now = Date.now()): string {
  return [m.versionId ? vscode.l10n.t('v{0}', m.versionId) : '', servingSummary(m), relativeAge(m.createTime, now)].filter(Boolean).join(' · ');
}

/** "prod · TensorFlow 2.15 (CPU) · 9 d ago · on flowers-prod" (the label already says which is the default). */
export function versionDescription(v: ModelVersion, endpoints: EndpointNames, now = Date.now()): string {
  const on = deployedOn(v, endpoints);
  return [
    v.versionAliases.filter((a) => a !== 'default').join(', '),
    servingSummary(v),
    relativeAge(v.versionCreateTime ?? v.createTime, now),
    on.length ? vscode.l10n.t('on {0}', on.join(', ')) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function versionLabel(v: ModelVersion): string {
  return v.isDefault ? vscode.l10n.t('Version {0} (default)', v.versionId) : vscode.l10n.t('Version {0}', v.versionId);
}

export function modelTooltip(v: ModelVersion, endpoints?: EndpointNames): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const title = endpoints ? `${escape(v.displayName)} — ${escape(versionLabel(v))}` : escape(v.displayName);
  md.appendMarkdown(`**${title}**\n\n\`${endpoints ? v.versionName : v.name}\`\n\n`);
  const text = endpoints ? v.versionDescription : v.description;
  if (text) md.appendMarkdown(`${escape(text)}\n\n`);
  const lines: string[] = [];
  if (!endpoints && v.versionId) lines.push(escape(vscode.l10n.t('Default version: {0}', v.versionId)));
  if (v.versionAliases.length) lines.push(`${escape(vscode.l10n.t('Aliases'))}: ${v.versionAliases.map((a) => `\`${a}\``).join(' ')}`);
  if (v.framework) lines.push(escape(vscode.l10n.t('Framework: {0}', v.framework)));
  if (v.containerImage) lines.push(`${escape(vscode.l10n.t('Container'))}: \`${v.containerImage}\``);
  if (v.sourceType) lines.push(escape(vscode.l10n.t('Source: {0}', v.sourceType)));
  if (v.artifactUri) lines.push(`${escape(vscode.l10n.t('Artifacts'))}: \`${v.artifactUri}\``);
  const created = endpoints ? (v.versionCreateTime ?? v.createTime) : v.createTime;
  if (created) lines.push(escape(vscode.l10n.t('Created: {0}', created.toLocaleString())));
  if (endpoints) {
    const on = deployedOn(v, endpoints);
    lines.push(escape(on.length ? vscode.l10n.t('Deployed on: {0}', on.join(', ')) : vscode.l10n.t('Not deployed')));
  }
  if (lines.length) md.appendMarkdown(`${lines.join('  \n')}\n\n`);
  const labels = Object.entries(v.labels);
  if (labels.length) md.appendMarkdown(`${vscode.l10n.t('Labels')}: ${labels.map(([k, val]) => `\`${k}=${val}\``).join(' ')}\n`);
  return md;
}
