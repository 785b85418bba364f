import * as vscode from 'vscode';
import type { StateCategory, TrainingJob, WorkerPool } from '../../cloud/trainingJobTypes';
import type * as HardwareCatalog from '../../jobs/hardware-catalog';
import { ageParts } from '../tree/relativeAge';
import { stateIconSpec } from './stateIcons';

// The machine tables load on first use, not at activation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hardwareCatalog = (): typeof HardwareCatalog => require('../../jobs/hardware-catalog') as typeof HardwareCatalog;

export function stateIcon(job: { state: string; category: StateCategory }): vscode.ThemeIcon {
  const { id, color } = stateIconSpec(job);
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

/** JOB_STATE_PARTIALLY_SUCCEEDED → "Partially succeeded". */
export function stateLabel(state: string): string {
  const words = state.replace(/^(JOB_STATE_|PIPELINE_STATE_)/, '').toLowerCase().split('_');
  const text = words.join(' ');
  return text ? text[0].toUpperCase() + text.slice(1) : state;
}

export function relativeAge(date: Date | undefined, now: number = Date.now()): string {
  if (!date) return '';
  const { unit, count } = ageParts(date, now);
  switch (unit) {
    case 'now':
      return vscode.l10n.t('just now');
    case 'min':
      return vscode.l10n.t('{0} min ago', count);
    case 'h':
      return vscode.l10n.t('{0} h ago', count);
    case 'd':
      return vscode.l10n.t('{0} d ago', count);
  }
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return vscode.l10n.t('{0} s', s);
  const m = Math.floor(s / 60);
  if (m < 60) return vscode.l10n.t('{0} min {1} s', m, s % 60);
  return vscode.l10n.t('{0} h {1} min', Math.floor(m / 60), m % 60);
}

/** One replica's hardware: every caller shows the replica count beside it. */
export function poolHardware(pool: WorkerPool): string {
  return hardwareCatalog().hardwareSummary(pool.machineSpec);
}

/** "Running · 5 min ago · 1×A100" */
export function jobDescription(job: TrainingJob, now: number = Date.now()): string {
  const hardware = job.workerPools[0] ? poolHardware(job.workerPools[0]) : '';
  const extraPools = job.workerPools.length > 1 ? ` +${job.workerPools.length - 1}` : '';
  return [stateLabel(job.state), relativeAge(job.createTime, now), hardware + (hardware ? extraPools : '')].filter(Boolean).join(' · ');
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

export function poolRole(index: number): string {
  switch (index) {
    case 0:
      return vscode.l10n.t('primary');
    case 1:
      return vscode.l10n.t('workers');
    case 2:
      return vscode.l10n.t('parameter servers');
    case 3:
      return vscode.l10n.t('evaluators');
    default:
      return vscode.l10n.t('pool {0}', index);
  }
}

export function jobTooltip(job: TrainingJob, now: number = Date.now()): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(job.displayName)}** — ${escape(stateLabel(job.state))}\n\n`);
  md.appendMarkdown(`\`${job.name}\`\n\n`);
  const times: string[] = [];
  if (job.createTime) times.push(vscode.l10n.t('Created: {0}', job.createTime.toLocaleString()));
  if (job.startTime) times.push(vscode.l10n.t('Started: {0}', job.startTime.toLocaleString()));
  if (job.endTime) times.push(vscode.l10n.t('Ended: {0}', job.endTime.toLocaleString()));
  if (job.startTime) times.push(vscode.l10n.t('Duration: {0}', duration((job.endTime?.getTime() ?? now) - job.startTime.getTime())));
  if (times.length) md.appendMarkdown(`${times.map(escape).join('  \n')}\n\n`);
  for (const pool of job.workerPools) {
    const image = pool.image ? ` · \`${pool.image}\`` : '';
    md.appendMarkdown(`- ${escape(vscode.l10n.t('Pool {0} ({1}): {2} × {3}', pool.index, poolRole(pool.index), pool.replicaCount, poolHardware(pool) || pool.machineType))}${image}\n`);
  }
  if (job.workerPools.length) md.appendMarkdown('\n');
  if (job.error?.message) md.appendMarkdown(`$(error) ${escape(job.error.message)}\n\n`);
  const labels = Object.entries(job.labels);
  if (labels.length) md.appendMarkdown(`${vscode.l10n.t('Labels')}: ${labels.map(([k, v]) => `\`${k}=${v}\``).join(' ')}\n`);
  md.supportThemeIcons = true;
  return md;
}
