/**
 * What the task service needs from whatever runs a task's module (runwasi's Instance): the real
 * runner (process-runner.ts) puts each in a task process over the engine; the unit tests use a stub.
 */
import type { AnyMessage } from './protocol.js';
import type { MountSpec } from './rootfs.js';
import type { StdioPaths } from './stdio.js';

export interface CreateRequest {
  id: string;
  namespace: string;
  bundle: string;
  rootfs: MountSpec[];
  stdio: StdioPaths;
  /** containerd's runtime options for the handler (runtimeoptions.v1.Options), if any. */
  options: AnyMessage | null;
}

/** What a task uses, for Stats: its process's, the module's linear memory included. */
export interface ResourceUsage {
  memoryBytes: number;
  /** The module's memory cap (`io.wasmctl.memory-bytes`), 0 for none. */
  memoryLimitBytes: number;
  cpuUserNs: number;
  cpuSystemNs: number;
  /** Threads of the task's process (what a pids cgroup counts). */
  tasks: number;
}

export interface Instance {
  /** The pid containerd reports for the task. */
  readonly pid: number;
  /** Resolves with the exit status (128+n when killed by signal n) once the module has ended. */
  readonly exited: Promise<number>;
  start(): void;
  /** Signals the module; a task never started ends at once with 128+signo. */
  kill(signo: number): void;
  usage(): Promise<ResourceUsage>;
  /** Frees what the task holds (stdio, rootfs); called once it has exited. */
  delete(): Promise<void>;
}

export interface InstanceRunner {
  /** Prepares a task (bundle, rootfs, stdio, its process booting): Create. Throws for a bad bundle. */
  create(request: CreateRequest): Promise<Instance>;
}
