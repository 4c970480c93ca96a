/**
 * One task's module in a process of its own (task-process.ts): the spare one a shared server
 * keeps booted, else one spawned at Create, which boots while containerd goes on to Start. The
 * task's pid is that process's. A pod sandbox runs nothing: no process, the server's pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { WasmctlError } from '../common/index.js';
import type { RunOutcome } from '../runtime-bridge/index.js';
import type { BundleSpec } from './bundle.js';
import type { Instance, ResourceUsage } from './instance.js';
import { processUsage } from './metrics.js';
import type { Rootfs } from './rootfs.js';
import { limitsOf } from './settings.js';
import type { TaskLog, TaskStdio } from './stdio.js';
import type { FromTaskProcess, TaskRun } from './task-process.js';

/** SIGTERM asks, then SIGKILL forces: a task process that has not ended by then is killed. */
const KILL_GRACE_MS = 2000;
/** dist/shim/task-process.js beside this file; from source (the tests, through tsx) the .ts. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const TASK_PROCESS = [
  ...(FROM_SOURCE ? ['--import', import.meta.resolve('tsx')] : []),
  new URL(`./task-process.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url).pathname,
];

/** The server's stdio descriptors as paths the task process can open: what fds cannot do over IPC. */
function stdioOfServer(stdio: TaskStdio): TaskRun['stdio'] {
  const path = (fd: number) => `/proc/${process.pid}/fd/${fd}`;
  return { stdin: stdio.stdin === null ? '' : path(stdio.stdin), stdout: path(stdio.stdout), stderr: path(stdio.stderr) };
}

function spawnTaskProcess(): ChildProcess {
  // Its stderr is the server's (the log); the task's stdio it opens itself, from the paths.
  return spawn(process.execPath, TASK_PROCESS, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

let spare: ChildProcess | null = null;

/** Boots the next task's process now (a shared server's next container): booting is the longest step of a run. */
export function prestartTaskProcess(): void {
  if (spare && spare.exitCode === null && spare.signalCode === null) return;
  spare = spawnTaskProcess();
  // An idle spare keeps no server alive; it ends itself when the server goes.
  spare.unref();
  spare.channel?.unref();
}

function takeTaskProcess(): ChildProcess {
  const taken = spare && spare.exitCode === null && spare.signalCode === null && spare.connected ? spare : spawnTaskProcess();
  spare = null;
  taken.ref();
  taken.channel?.ref();
  return taken;
}

function signalName(signo: number): NodeJS.Signals {
  const entry = Object.entries(constants.signals).find(([, n]) => n === signo);
  if (!entry) throw new WasmctlError('InvalidArgument', `unknown signal number ${signo}`);
  return entry[0] as NodeJS.Signals;
}

export interface TaskInit {
  spec: BundleSpec;
  rootfs: Rootfs;
  stdio: TaskStdio;
  log: TaskLog;
  /** What else the task is charged for in its memory (its share of the server). */
  overheadBytes: () => Promise<number>;
  onStart: () => void;
  /** Called once the task has freed what it holds. */
  onDelete: () => void;
}

export class Task implements Instance {
  readonly pid: number;
  readonly exited: Promise<number>;
  private settle!: (status: number) => void;
  private ended = false;
  private started = false;
  /** The module's process; none for a pod sandbox, which runs nothing. */
  private readonly child: ChildProcess | null;
  private outcome: { kind: RunOutcome['kind']; exitCode: number } | undefined;

  constructor(private readonly init: TaskInit) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
    this.child = init.spec.sandbox ? null : this.spawnProcess();
    this.pid = this.child?.pid ?? process.pid;
  }

  private spawnProcess(): ChildProcess {
    const child = takeTaskProcess();
    child.on('message', (message: FromTaskProcess) => {
      if (message.type === 'log') this.init.log(message.line);
      else this.outcome = message;
    });
    child.on('error', (err) => this.init.log(`task process failed: ${err.message}`));
    // Once the module's outcome is in, that is the task's exit status, whatever the process's end:
    // one ended around a module thread that would not stop can crash on the way out (SIGSEGV).
    child.on('exit', (code, signal) => this.finish(this.outcome?.exitCode ?? code ?? 128 + (signal ? constants.signals[signal] : 0)));
    return child;
  }

  start(): void {
    const { spec, rootfs } = this.init;
    this.started = true;
    // A pod sandbox holds no namespaces here (modules share none): it runs until killed.
    if (!this.child) return;
    const run: TaskRun = {
      rootfs: rootfs.path,
      argv: spec.args,
      env: spec.env,
      cwd: spec.cwd,
      limits: limitsOf(spec.settings),
      settings: spec.settings,
      stdio: stdioOfServer(this.init.stdio),
    };
    this.child.send(run);
    this.init.onStart();
    this.init.log(`started ${spec.args[0]} in process ${this.pid}`);
  }

  kill(signo: number): void {
    const signal = signalName(signo);
    if (!this.child || !this.started) {
      this.child?.kill('SIGKILL');
      this.finish(128 + signo);
      return;
    }
    this.child.kill(signal);
    if (signal !== 'SIGKILL') {
      const child = this.child;
      setTimeout(() => !this.ended && child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }
  }

  async usage(): Promise<ResourceUsage> {
    const own = this.child ? await processUsage(this.pid) : { memoryBytes: 0, cpuUserNs: 0, cpuSystemNs: 0, tasks: 0 };
    return {
      ...own,
      memoryBytes: own.memoryBytes + (await this.init.overheadBytes()),
      memoryLimitBytes: this.init.spec.settings.memoryBytes ?? 0,
    };
  }

  async delete(): Promise<void> {
    await this.init.stdio.close();
    this.init.log.close();
    await this.init.rootfs.release();
    this.init.onDelete();
  }

  private finish(status: number): void {
    if (this.ended) return;
    this.ended = true;
    this.init.log(`exited with ${status}${this.outcome ? ` (${this.outcome.kind})` : ''}`);
    this.settle(status);
  }
}
