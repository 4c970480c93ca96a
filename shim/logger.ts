/**
 * containerd's `binary://` log URI, as runc's shim serves it: the logger binary gets the task's
 * stdout and stderr as pipes on fds 3 and 4, and on fd 5 a pipe it closes once it is ready to read;
 * its arguments are the URI's query pairs (`?key=value` → `key value`), its environment only
 * CONTAINER_ID and CONTAINER_NAMESPACE, as containerd's `NewBinaryCmd` builds it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WasmctlError } from '../common/index.js';

export interface TaskIdentity {
  id: string;
  namespace: string;
  bundle: string;
}

export interface Logger {
  stdout: number;
  stderr: number;
  /** Closes the task's ends, then waits for the logger to drain them and exit. */
  close(): Promise<void>;
}

/** How long a logger may take to close fd 5; runc waits for ever, which would hang Create. */
const READY_TIMEOUT_MS = 10_000;
/** After EOF on both pipes: the logger's own time to exit, then SIGTERM's (runc's 12 s), then SIGKILL. */
const DRAIN_MS = 2000;
const TERM_MS = 12_000;

/** Go's `url.Query()` order aside (random there), each key once, with its first value. */
function argsOf(uri: URL): string[] {
  return [...new Set(uri.searchParams.keys())].flatMap((key) => [key, uri.searchParams.get(key) ?? '']);
}

/**
 * A pipe's two ends, blocking both. Node makes no anonymous pipe, so a FIFO: opened O_RDWR first,
 * neither of the other two opens waits for its partner; the O_RDWR end then goes, so the logger
 * sees EOF once the task's write end closes.
 */
interface Pipe {
  read: number;
  write: number;
}

function pipeOf(fifo: string): Pipe {
  const both = openSync(fifo, constants.O_RDWR);
  let read: number | undefined;
  try {
    read = openSync(fifo, constants.O_RDONLY);
    return { read, write: openSync(fifo, constants.O_WRONLY) };
  } catch (err) {
    if (read !== undefined) closeSync(read);
    throw err;
  } finally {
    closeSync(both);
  }
}

export async function startLogger(uri: URL, task: TaskIdentity): Promise<Logger> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-logger-'));
  const opened: number[] = [];
  try {
    const fifos = [join(dir, 'stdout'), join(dir, 'stderr')];
    await promisify(execFile)('mkfifo', ['-m', '600', ...fifos]);
    const [out, err] = fifos.map((fifo) => {
      const pipe = pipeOf(fifo);
      opened.push(pipe.read, pipe.write);
      return pipe;
    }) as [Pipe, Pipe];
    const child = spawn(decodeURIComponent(uri.pathname), argsOf(uri), {
      stdio: ['ignore', 'ignore', 'ignore', out.read, err.read, 'pipe'],
      env: { CONTAINER_ID: task.id, CONTAINER_NAMESPACE: task.namespace },
      cwd: task.bundle,
    });
    await ready(child, uri);
    for (const fd of [out.read, err.read]) closeSync(fd);
    return { stdout: out.write, stderr: err.write, close: () => stop(child, [out.write, err.write]) };
  } catch (err) {
    for (const fd of opened) closeSync(fd);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Resolves once the logger has closed fd 5; a logger that cannot start or never does fails Create. */
async function ready(child: ChildProcess, uri: URL): Promise<void> {
  const fail = (reason: string) =>
    new WasmctlError('InvalidArgument', `log URI ${uri.href}: logger ${uri.pathname}: ${reason}`, {
      hint: 'the logger must be an executable that closes fd 5 once it reads fds 3 and 4',
    });
  // Listened to for the process's whole life: an 'error' nobody listens to would crash the server.
  const failed = new Promise<NodeJS.ErrnoException>((resolve) => child.on('error', resolve));
  if (child.pid === undefined) throw fail((await failed).code ?? 'cannot start');
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    new Promise<'ready'>((resolve) => child.stdio[5 as number]!.once('close', () => resolve('ready'))),
    new Promise<'late'>((resolve) => (timer = setTimeout(resolve, READY_TIMEOUT_MS, 'late'))),
  ]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    throw fail(`did not close fd 5 within ${READY_TIMEOUT_MS / 1000}s`);
  }
}

async function stop(child: ChildProcess, writeEnds: number[]): Promise<void> {
  for (const fd of writeEnds) closeSync(fd);
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const within = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(r, ms, false).unref())]);
  if (await within(DRAIN_MS)) return;
  child.kill('SIGTERM');
  if (await within(TERM_MS)) return;
  child.kill('SIGKILL');
}
