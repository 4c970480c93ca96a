/**
 * One task's module, in a process of its own (`node dist/shim/task-process.js`, spawned by Task
 * with an IPC channel): the unit the shim can always stop. A
 * module's thread cannot always be (V8 holds back a Worker's termination while memory.grow keeps
 * succeeding, and nothing interrupts a blocking read), so in the shared server one such module
 * would burn a core for good; here SIGKILL, or this process's own hard exit, takes it away while
 * the other containers run on.
 *
 * It boots before it is needed (a shared server keeps one spare), then gets the run over IPC and
 * opens the task's stdio itself, as the server opened it (FIFOs, a log file, a logger's pipes),
 * through the server's own descriptors in /proc — fds cannot cross Node's IPC; a forwarded signal
 * stops the module with exit 128+n.
 */
import { constants, openSync, statSync, writeSync } from 'node:fs';
import {
  connectRuntime,
  exitWhenEnded,
  hardExit,
  layottoHostCalls,
  prestartWorker,
  runModule,
  STOP_GRACE_MS,
} from '../runtime-bridge/index.js';
import type { TaskSettings } from './settings.js';
import { openStdin } from './stdin.js';
import type { RunLimits, RunOutcome, RunStdio } from '../runtime-bridge/index.js';

/** Where the task's stdio is: the server's descriptors as /proc paths ('' for no stdin). */
export interface StdioOfServer {
  stdin: string;
  stdout: string;
  stderr: string;
}

/**
 * Opens what the server holds. Output never blocks (the server holds each FIFO open, so it has a
 * reader) and a log file is appended to, as the server's own descriptor does; stdin is
 * non-blocking, as the server opens it.
 */
function openServerStdio(paths: StdioOfServer): RunStdio {
  const output = (path: string) => openSync(path, statSync(path).isFile() ? constants.O_WRONLY | constants.O_APPEND : constants.O_WRONLY);
  const stdout = output(paths.stdout);
  const stderr = paths.stderr === paths.stdout ? stdout : output(paths.stderr);
  return { stdin: openStdin(paths.stdin), stdout, stderr };
}

export interface TaskRun {
  rootfs: string;
  argv: string[];
  env: string[];
  cwd: string;
  limits: RunLimits;
  settings: TaskSettings;
  stdio: StdioOfServer;
}

export type FromTaskProcess = { type: 'log'; line: string } | { type: 'outcome'; kind: RunOutcome['kind']; exitCode: number };

/**
 * Every signal containerd may forward (ctr forwards what it gets, e.g. SIGPIPE when its reader went)
 * that ends a native process: Node ignores SIGPIPE and starts its inspector on SIGUSR1, so each is
 * taken here and ends the module with 128+n.
 */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGPIPE', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM'] as const;
/** What the shim reports for a task whose server went away (containerd's own answer then). */
const ORPHANED_EXIT = 137;

const send = (message: FromTaskProcess): void => void process.send?.(message);

prestartWorker();
// The shim server is gone (crashed or killed): nobody is left to stop the module but us.
process.once('disconnect', () => hardExit(ORPHANED_EXIT));

process.once('message', (run: TaskRun) => {
  const { stdin, stdout, stderr } = openServerStdio(run.stdio);
  const runtime = layottoHostCalls(
    () => connectRuntime(run.settings),
    (line) => send({ type: 'log', line }),
  );
  const module = runModule({
    rootfs: run.rootfs,
    argv: run.argv,
    env: run.env,
    cwd: run.cwd,
    mounts: [],
    stdio: { stdin, stdout, stderr },
    limits: run.limits,
    engine: 'wasmctl',
    hostCalls: runtime.hostCalls,
  });
  for (const signal of STOP_SIGNALS) process.on(signal, () => module.kill(signal));
  void module.done.then(async (outcome) => {
    // A trap or a limit hit is the user's business: it goes to the task's stderr, as a crash would.
    if ('message' in outcome) {
      try {
        writeSync(stderr, `wasmctl: ${outcome.message}\n`);
      } catch {
        // stderr reader gone: the exit code still tells
      }
    }
    send({ type: 'outcome', kind: outcome.kind, exitCode: outcome.exitCode });
    await exitWhenEnded(module, outcome.exitCode);
    // A sidecar connection still being opened must not keep the task alive after its module.
    const closed = await Promise.race([
      runtime.close().then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), STOP_GRACE_MS)),
    ]);
    if (!closed) hardExit(outcome.exitCode);
    process.exit(outcome.exitCode);
  });
});
