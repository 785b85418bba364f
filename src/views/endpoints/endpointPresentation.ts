import * as vscode from 'vscode';
import type { DeployedModel, Endpoint } from '../../cloud/endpoints-api';
import { hardwareSummary } from '../../jobs/hardware-catalog';
import { relativeAge } from '../trainingJobs/jobPresentation';

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** "2 models · 8 d ago" */
export function endpointDescription(e: Endpoint, now = Date.now()): string {
  const n = e.deployedModels.length;
  const models = n === 0 ? vscode.l10n.t('no models deployed') : n === 1 ? vscode.l10n.t('1 model') : vscode.l10n.t('{0} models', n);
  return [models, relativeAge(e.createTime, now)].filter(Boolean).join(' · ');
}

/**
 * Hours since the endpoint's longest-deployed model was deployed, when that is past `limitHours`
 * (0: never flagged). Dedicated replicas bill by the hour for as long as a model stays deployed.
 */
export function longDeployedHours(e: Endpoint, limitHours: number, now = Date.now()): number | undefined {
  if (!(limitHours > 0)) return undefined;
  const times = e.deployedModels.map((d) => d.createTime?.getTime()).filter((t): t is number => t !== undefined);
  if (times.length === 0) return undefined;
  const hours = (now - Math.min(...times)) / 3_600_000;
  return hours > limitHours ? Math.floor(hours) : undefined;
}

/** "Models deployed for 30 h, billed by the hour." */
export function costFlag(hours: number): string {
  return hours < 48 ? vscode.l10n.t('Models deployed for {0} h, billed by the hour.', hours) : vscode.l10n.t('Models deployed for {0} d, billed by the hour.', Math.floor(hours / 24));
}

export function deployedModelLabel(d: DeployedModel): string {
  return d.modelVersionId ? vscode.l10n.t('{0} v{1}', d.displayName, d.modelVersionId) : d.displayName;
}

/** "1×T4 (n1-standard-8)", "n1-standard-4", "automatic resources", "shared pool my-pool". */
export function deployedMachine(d: DeployedModel): string {
  switch (d.resources) {
    case 'dedicated': {
      const machineType = typeof d.machineSpec?.machineType === 'string' ? d.machineSpec.machineType : '';
      const summary = hardwareSummary(d.machineSpec);
      return summary && summary !== machineType ? `${summary} (${machineType})` : machineType;
    }
    case 'automatic':
      return vscode.l10n.t('automatic resources');
    case 'shared':
      return vscode.l10n.t('shared pool {0}', d.resourcePool?.slice(d.resourcePool.lastIndexOf('/') + 1) ?? '');
    case 'unknown':
      return '';
  }
}

export function replicaRange(d: DeployedModel): string {
  if (d.minReplicas === undefined && d.maxReplicas === undefined) return '';
  const min = d.minReplicas ?? 1;
  const max = d.maxReplicas && d.maxReplicas > min ? d.maxReplicas : min;
  if (min !== max) return vscode.l10n.t('{0}–{1} replicas', min, max);
  return min === 1 ? vscode.l10n.t('1 replica') : vscode.l10n.t('{0} replicas', min);
}

/** "80% · 1×T4 (n1-standard-8) · 1–2 replicas" */
export function deployedModelDescription(d: DeployedModel): string {
  return [vscode.l10n.t('{0}%', d.trafficPercent), deployedMachine(d), replicaRange(d)].filter(Boolean).join(' · ');
}

export function endpointTooltip(e: Endpoint): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(e.displayName)}**\n\n\`${e.name}\`\n\n`);
  if (e.description) md.appendMarkdown(`${escape(e.description)}\n\n`);
  if (e.createTime) md.appendMarkdown(`${escape(vscode.l10n.t('Created: {0}', e.createTime.toLocaleString()))}\n\n`);
  for (const d of e.deployedModels) md.appendMarkdown(`- ${escape(`${deployedModelLabel(d)}: ${deployedModelDescription(d)}`)}\n`);
  if (!e.deployedModels.length) md.appendMarkdown(`${escape(vscode.l10n.t('No models deployed.'))}\n`);
  else md.appendMarkdown(`\n${escape(vscode.l10n.t('An endpoint with a deployed model bills by the hour while the model stays deployed.'))}\n`);
  const labels = Object.entries(e.labels);
  if (labels.length) md.appendMarkdown(`\n${vscode.l10n.t('Labels')}: ${labels.map(([k, v]) => `\`${k}=${v}\``).join(' ')}\n`);
  return md;
}

export function deployedModelTooltip(d: DeployedModel): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(deployedModelLabel(d))}**\n\n`);
  const lines = [
    escape(vscode.l10n.t('Deployed model ID: {0}', d.id)),
    `${escape(vscode.l10n.t('Model'))}: \`${d.model}${d.modelVersionId ? `@${d.modelVersionId}` : ''}\``,
    escape(vscode.l10n.t('Traffic: {0}%', d.trafficPercent)),
  ];
  const machine = deployedMachine(d);
  if (machine) lines.push(escape(vscode.l10n.t('Machine: {0}', machine)));
  const replicas = replicaRange(d);
  if (replicas) lines.push(escape(replicas));
  if (d.createTime) lines.push(escape(vscode.l10n.t('Deployed: {0}', d.createTime.toLocaleString())));
  md.appendMarkdown(lines.join('  \n'));
  return md;
}
