import { describeError, exitCodeOf } from '../common/index.js';

/** Prints `wasmctl: <one line>` and sets the exit code; never a stack trace for a known error. */
export function reportError(err: unknown): number {
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
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('   ');
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
