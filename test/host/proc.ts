import { spawn } from 'node:child_process';
import type { WriteStream } from 'node:fs';

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Output goes here instead of the terminal; the tail is quoted in the error on failure. */
  log?: WriteStream;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    const tail = output.trimEnd().split('\n').slice(-25).join('\n');
    super(`\`${command}\` failed (exit ${exitCode ?? 'signal'})${tail ? `:\n${tail}` : ''}`);
  }
}

/** Runs a command to completion and resolves with its stdout; stderr only goes to the log and errors. */
export function runCommand(cmd: string, args: readonly string[], options: CommandOptions = {}): Promise<string> {
  const shown = [cmd, ...args].join(' ');
  options.log?.write(`\n$ ${shown}   (in ${options.cwd ?? process.cwd()})\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    const collect = (chunk: Buffer): string => {
      const text = chunk.toString();
      output += text;
      options.log?.write(text);
      return text;
    };
    child.stdout.on('data', (chunk: Buffer) => (stdout += collect(chunk)));
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new CommandError(shown, null, `${output}\n${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolvePromise(stdout) : reject(new CommandError(shown, code, output))));
  });
}
