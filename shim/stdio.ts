/**
 * The task's stdio as containerd names it in CreateTaskRequest: FIFO paths (or none), or a log URI
 * (`ctr run --log-uri`), `file:///path` or `binary:///path/to/logger?key=value`, in both stdout and
 * stderr, as runc's shim takes them; and its log FIFO in the bundle.
 */
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WasmctlError } from '../common/index.js';
import type { RunStdio } from '../runtime-bridge/index.js';
import { startLogger, type TaskIdentity } from './logger.js';
import { openStdin } from './stdin.js';

export interface StdioPaths {
  stdin: string;
  stdout: string;
  stderr: string;
  terminal: boolean;
}

export interface TaskStdio extends RunStdio {
  close(): Promise<void>;
}

/** A URI scheme, as Go's url.Parse finds one; a plain path has none (runc's shim: a FIFO). */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export async function openStdio(paths: StdioPaths, task: TaskIdentity): Promise<TaskStdio> {
  const scheme = SCHEME.exec(paths.stdout)?.[1]?.toLowerCase() ?? 'fifo';
  if (scheme === 'fifo') return openFifos(paths);
  const uri = new URL(paths.stdout);
  const stdin = openStdin(paths.stdin);
  const closeStdin = () => stdin !== null && closeSync(stdin);
  try {
    if (scheme === 'file') {
      const path = decodeURIComponent(uri.pathname);
      mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
      // One descriptor for both, appended to: stdout and stderr interleave in order, as runc's shim writes them.
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o644);
      const close = async () => {
        closeStdin();
        closeSync(fd);
      };
      return { stdin, stdout: fd, stderr: fd, close };
    }
    if (scheme === 'binary') {
      const logger = await startLogger(uri, task);
      const close = async () => {
        closeStdin();
        await logger.close();
      };
      return { stdin, stdout: logger.stdout, stderr: logger.stderr, close };
    }
    throw new WasmctlError('InvalidArgument', `unknown STDIO scheme ${scheme} in ${paths.stdout}`, {
      hint: 'use a FIFO path, file:///path or binary:///path',
    });
  } catch (err) {
    closeStdin();
    throw err;
  }
}

/**
 * Nothing here may block: a blocking FIFO open ties up one of libuv's four pool threads until the
 * other side shows up, which for a stdin nobody writes (ctr without -i closes its end unopened)
 * is never. So output FIFOs are opened O_RDWR (never blocks on Linux, with or without containerd's
 * reader) and stdin O_RDONLY|O_NONBLOCK: a read sees EOF once no writer is left, and EAGAIN while
 * a writer is there with nothing written yet. A terminal task has no pty here (WASI has none):
 * stderr joins stdout, as on a console.
 */
function openFifos(paths: StdioPaths): TaskStdio {
  const output = (path: string) => openSync(path || '/dev/null', path ? constants.O_RDWR : constants.O_WRONLY);
  const stdout = output(paths.stdout);
  const stderr = paths.terminal ? stdout : output(paths.stderr);
  const stdin = openStdin(paths.stdin);
  const opened = new Set([stdout, stderr, ...(stdin === null ? [] : [stdin])]);
  return {
    stdin,
    stdout,
    stderr,
    async close() {
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
