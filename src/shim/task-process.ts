/**
 * One task's module, in a process of its own (`node dist/shim/task-process.js`, spawned by Task
 * with an IPC channel): the unit the shim can always stop. A
 * module's thread cannot always be (V8 holds back a Worker's termination while memory.grow keeps
 * succeeding, and nothing interrupts a blocking read), so in the shared server one such module
 * would burn a core for good; here SIGKILL, or this process's own hard exit, takes it away while
 * the other containers run on.
 *
 * It boots before it is needed (a shared server keeps one spare), then gets the run over IPC and
 * opens the task's stdio FIFOs itself; SIGTERM, SIGINT and SIGHUP stop the module with exit 128+n,
 * other signals end the process as they would any.
 */
import { writeSync } from 'node:fs';
import { connectRuntime, exitWhenEnded, hardExit, layottoHostCalls, prestartWorker, runModule } from '../runtime-bridge/index.js';
import type { RunLimits, RunOutcome } from '../runtime-bridge/index.js';
import type { TaskSettings } from './settings.js';
import { openStdio, type StdioPaths } from './stdio.js';

export interface TaskRun {
  rootfs: string;
  argv: string[];
  env: string[];
  cwd: string;
  limits: RunLimits;
  settings: TaskSettings;
  stdio: StdioPaths;
}

export type FromTaskProcess = { type: 'log'; line: string } | { type: 'outcome'; kind: RunOutcome['kind'] };

const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
/** What the shim reports for a task whose server went away (containerd's own answer then). */
const ORPHANED_EXIT = 137;

const send = (message: FromTaskProcess): void => void process.send?.(message);

prestartWorker();
// The shim server is gone (crashed or killed): nobody is left to stop the module but us.
process.once('disconnect', () => hardExit(ORPHANED_EXIT));

process.once('message', (run: TaskRun) => {
  const { stdin, stdout, stderr } = openStdio(run.stdio);
  const runtime = layottoHostCalls(() => connectRuntime(run.settings), (line) => send({ type: 'log', line }));
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
    send({ type: 'outcome', kind: outcome.kind });
    await exitWhenEnded(module, outcome.exitCode);
    await runtime.close();
    process.exit(outcome.exitCode);
  });
});
