import type { Command, CommanderError } from 'commander';
import { TOOL_FAILURE_EXIT, describeError, exitCodeOf } from '../common/index.js';

/** Help and --version end commander's parse too; they are not failures. */
const NOT_FAILURES = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** A bad option or argument, as commander words it, and the command whose --help explains it. */
export class UsageError extends Error {
  readonly exitCode: number;

  constructor(err: CommanderError, command: Command) {
    const path: string[] = [];
    for (let at: Command | null = command; at; at = at.parent) path.unshift(at.name());
    super(`${err.message.replace(/^error: /, '')} (see '${path.join(' ')} --help')`);
    this.name = 'UsageError';
    this.exitCode = NOT_FAILURES.has(err.code) ? err.exitCode : TOOL_FAILURE_EXIT;
    // Help and the version were printed by commander: nothing to add.
    if (NOT_FAILURES.has(err.code)) this.message = '';
  }
}

/** Prints `wasmctl: <one line>` and sets the exit code; never a stack trace for a known error. */
export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    if (err.message) process.stderr.write(`wasmctl: ${err.message}\n`);
    return err.exitCode;
  }
  const code = exitCodeOf(err);
  process.stderr.write(`wasmctl: ${describeError(err)}\n`);
  if (process.env.WASMCTL_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return code;
}

export async function runCommand(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A fixed-width table, as `docker images` prints. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('   ');
  process.stdout.write(`${[line(headers), ...rows.map(line)].join('\n')}\n`);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)}${units[unit]}`;
}
