/**
 * The engine writes to host fds; a library caller that wants the output as Buffers gets a temp
 * file per stream (a pipe would need a reader on this thread while the module blocks on writes).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStdio } from '../runtime-bridge/types.js';

/** `pipe`: captured and returned; `inherit`: this process's own fd; a number: that fd. */
export type StdioOption = 'pipe' | 'inherit' | number;

export interface Capture {
  fds: RunStdio;
  /** The captured streams; closes and removes the temp files. */
  collect(): { stdout?: Buffer; stderr?: Buffer };
  close(): void;
}

interface StdioChoice {
  stdin?: 'ignore' | 'inherit' | number;
  stdout?: StdioOption;
  stderr?: StdioOption;
}

export function openStdio(choice: StdioChoice): Capture {
  let dir: string | undefined;
  const opened: Array<{ name: 'stdout' | 'stderr'; fd: number; path: string }> = [];
  const fdFor = (name: 'stdout' | 'stderr', option: StdioOption, inherited: number): number => {
    if (option === 'inherit') return inherited;
    if (typeof option === 'number') return option;
    dir ??= mkdtempSync(join(tmpdir(), 'wasmctl-run-'));
    const path = join(dir, name);
    const fd = openSync(path, 'w+');
    opened.push({ name, fd, path });
    return fd;
  };
  const stdin = choice.stdin ?? 'ignore';
  const fds: RunStdio = {
    stdin: stdin === 'ignore' ? null : stdin === 'inherit' ? 0 : stdin,
    stdout: fdFor('stdout', choice.stdout ?? 'pipe', 1),
    stderr: fdFor('stderr', choice.stderr ?? 'pipe', 2),
  };
  const close = (): void => {
    for (const { fd } of opened.splice(0)) closeSync(fd);
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return {
    fds,
    close,
    collect() {
      const captured = Object.fromEntries(opened.map(({ name, path }) => [name, readFileSync(path)]));
      close();
      return captured;
    },
  };
}
