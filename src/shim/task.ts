/**
 * One task's life: CREATED → RUNNING → STOPPED, its stdio and rootfs, and the exit every Wait
 * call blocks on. The module runs in this process, so the task's pid is the server's own.
 */
import { constants } from 'node:os';
import { writeSync } from 'node:fs';
import { WasmctlError } from '../common/index.js';
import { connectRuntime, layottoHostCalls, runModule, type LayottoHostCalls, type RunningModule, type RunOutcome } from '../runtime-bridge/index.js';
import type { BundleSpec } from './bundle.js';
import { limitsOf } from './settings.js';
import type { Rootfs } from './rootfs.js';
import type { StdioPaths, TaskLog, TaskStdio } from './stdio.js';

export type TaskStatus = 'created' | 'running' | 'stopped';

export interface TaskExit {
  status: number;
  at: Date;
}

/** SIGTERM asks, then SIGKILL forces: a module that has not stopped by then is torn down. */
const KILL_GRACE_MS = 2000;

function signalName(signo: number): NodeJS.Signals {
  const entry = Object.entries(constants.signals).find(([, n]) => n === signo);
  if (!entry) throw new WasmctlError('InvalidArgument', `unknown signal number ${signo}`);
  return entry[0] as NodeJS.Signals;
}

export interface TaskInit {
  id: string;
  bundle: string;
  paths: StdioPaths;
  spec: BundleSpec;
  rootfs: Rootfs;
  stdio: TaskStdio;
  log: TaskLog;
}

export class Task {
  readonly pid = process.pid;
  status: TaskStatus = 'created';
  exit: TaskExit | undefined;
  readonly exited: Promise<TaskExit>;
  private settle!: (exit: TaskExit) => void;
  private module: RunningModule | undefined;
  private hostCalls: LayottoHostCalls | undefined;

  constructor(readonly init: TaskInit) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
  }

  get id(): string {
    return this.init.id;
  }

  start(): void {
    if (this.status !== 'created') throw new WasmctlError('FailedPrecondition', `task ${this.id} is ${this.status}, not created`);
    const { spec, rootfs } = this.init;
    const { stdin, stdout, stderr } = this.init.stdio;
    if (spec.sandbox) {
      // A pod sandbox holds no namespaces here (modules share none): it runs until killed.
      this.status = 'running';
      return;
    }
    // Served as `wasmctl run` serves them: by settings.sidecar, else embedded components; opened on the first call.
    this.hostCalls = layottoHostCalls(() => connectRuntime(spec.settings), this.init.log);
    this.module = runModule({
      rootfs: rootfs.path,
      argv: spec.args,
      env: spec.env,
      cwd: spec.cwd,
      mounts: [],
      stdio: { stdin, stdout, stderr },
      limits: limitsOf(spec.settings),
      engine: 'wasmctl',
      hostCalls: this.hostCalls.hostCalls,
    });
    this.status = 'running';
    this.init.log(`started ${spec.args[0]}`);
    void this.module.done.then((outcome) => this.finish(outcome));
  }

  kill(signo: number): void {
    const signal = signalName(signo);
    if (this.status === 'stopped') throw new WasmctlError('NotFound', `task ${this.id}: process already finished`);
    if (!this.module) {
      this.finish({ kind: 'killed', exitCode: 128 + signo, signal });
      return;
    }
    this.module.kill(signal);
    if (signal !== 'SIGKILL') {
      const module = this.module;
      setTimeout(() => this.status === 'running' && module.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }
  }

  /** Frees what the task holds; it must be stopped. */
  async dispose(): Promise<void> {
    await this.hostCalls?.close();
    await this.init.stdio.close();
    this.init.log.close();
    await this.init.rootfs.release();
  }

  private finish(outcome: RunOutcome): void {
    if (this.status === 'stopped') return;
    if ('message' in outcome) this.tellUser(outcome.message);
    this.status = 'stopped';
    this.exit = { status: outcome.exitCode, at: new Date() };
    this.init.log(`exited with ${outcome.exitCode} (${outcome.kind})`);
    this.settle(this.exit);
  }

  /** A trap or a limit hit is the user's business: it goes to the task's stderr, as a crash would. */
  private tellUser(message: string): void {
    try {
      writeSync(this.init.stdio.stderr, `wasmctl: ${message}\n`);
    } catch {
      // stderr reader gone: the log still has the exit
    }
  }
}
