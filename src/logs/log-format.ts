import type { LogRecord } from '../cloud/logging';

// One entry per line, `2026-11-22T06:12:55.123Z INFO  workerpool0-0  message`; the lines of a
// multi-line message (a traceback logged as one entry) stay together as an indented block.
// syntaxes/vertex-log.tmLanguage.json colours exactly this shape.

const SEVERITY_WIDTH = 5;
// Terminal colour and cursor sequences that progress bars and coloured loggers print.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;

export function displayTime(timestamp: string): string {
  return `${timestamp.slice(0, 23)}Z`;
}

/** What a terminal would show of one line: the text after its last carriage return, without escapes. */
function visible(line: string): string {
  const cr = line.lastIndexOf('\r');
  return (cr >= 0 ? line.slice(cr + 1) : line).replace(ANSI, '');
}

export function messageLines(message: string): string[] {
  const lines = message.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n').map(visible);
  return lines.length > 0 ? lines : [''];
}

// Only these make a message more than itself on one line; most have none of them.
// eslint-disable-next-line no-control-regex -- the escape character is one of them
const NOT_PLAIN = /[\n\r\u001b]/;
const severityCells = new Map<string, string>();

function severityCell(severity: string): string {
  let cell = severityCells.get(severity);
  if (cell === undefined) {
    cell = severity.padEnd(SEVERITY_WIDTH);
    if (severityCells.size < 32) severityCells.set(severity, cell);
  }
  return cell;
}

export function formatRecord(record: LogRecord): string {
  const prefix = `${displayTime(record.timestamp)} ${severityCell(record.severity)} ${record.task || 'unknown_task'}  `;
  if (!NOT_PLAIN.test(record.message)) return `${prefix}${record.message}\n`;
  const [first, ...rest] = messageLines(record.message);
  if (rest.length === 0) return `${prefix}${first}\n`;
  const indent = ' '.repeat(prefix.length);
  return `${prefix}${first}\n${rest.map((line) => `${indent}${line}\n`).join('')}`;
}

export function formatRecords(records: readonly LogRecord[]): string {
  let text = '';
  for (const record of records) text += formatRecord(record);
  return text;
}

/** A line the extension adds (state changes, end of streaming), set apart by `----`. */
export function formatMarker(timeMs: number, text: string): string {
  return `${new Date(timeMs).toISOString()} ---- ${text}\n`;
}
