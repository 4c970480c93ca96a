/** The task's stdio FIFOs (paths from CreateTaskRequest) and its log FIFO in the bundle. */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStdio } from '../runtime-bridge/index.js';

export interface StdioPaths {
  stdin: string;
  stdout: string;
  stderr: string;
  terminal: boolean;
}

export interface TaskStdio extends RunStdio {
  close(): void;
}

/**
 * Nothing here may block: a blocking FIFO open ties up one of libuv's four pool threads until the
 * other side shows up, which for a stdin nobody writes (ctr without -i closes its end unopened)
 * is never. So output FIFOs are opened O_RDWR (never blocks on Linux, with or without containerd's
 * reader) and stdin O_RDONLY|O_NONBLOCK: a read sees EOF once no writer is left, and EAGAIN while
 * a writer is there with nothing written yet. A terminal task has no pty here (WASI has none):
 * stderr joins stdout, as on a console.
 */
export function openStdio(paths: StdioPaths): TaskStdio {
  const output = (path: string) => openSync(path || '/dev/null', path ? constants.O_RDWR : constants.O_WRONLY);
  const stdout = output(paths.stdout);
  const stderr = paths.terminal ? stdout : output(paths.stderr);
  const stdin = paths.stdin ? openSync(paths.stdin, constants.O_RDONLY | constants.O_NONBLOCK) : null;
  const opened = new Set([stdout, stderr, ...(stdin === null ? [] : [stdin])]);
  return {
    stdin,
    stdout,
    stderr,
    close() {
      for (const fd of opened) closeSync(fd);
      opened.clear();
    },
  };
}

export interface TaskLog {
  (message: string): void;
  close(): void;
}

/**
 * Lines to the bundle's `log` FIFO, which containerd copies into its own log. Non-blocking: a log
 * line is dropped rather than stall a task when nobody reads.
 */
export function openTaskLog(bundle: string, id: string): TaskLog {
  let fd: number | null = null;
  try {
    fd = openSync(join(bundle, 'log'), constants.O_WRONLY | constants.O_NONBLOCK);
  } catch {
    fd = null; // no reader (ENXIO) or no FIFO: logs for this task go nowhere
  }
  const log = ((message: string) => {
    if (fd === null) return;
    try {
      writeSync(fd, `time="${new Date().toISOString()}" level=info msg=${JSON.stringify(message)} id=${id}\n`);
    } catch {
      // EAGAIN: the FIFO is full, the line is dropped
    }
  }) as TaskLog;
  log.close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return log;
}
