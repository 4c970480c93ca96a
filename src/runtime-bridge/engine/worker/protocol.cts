/** What the main thread and a module's worker tell each other. */
import type { MessagePort } from 'node:worker_threads';
import type { MountSpec } from '../wasi/namespace.cjs';
import type { StdioFds } from '../wasi/fd-table.cjs';

export type WorkerEngine = 'wasmctl' | 'wasmer';

/** workerData: everything but the compiled module, which follows by message once compiled. */
export interface WorkerConfig {
  engine: WorkerEngine;
  args: string[];
  env: string[];
  rootfs: string | null;
  mounts: MountSpec[];
  stdio: StdioFds;
  /** Export to call after `_initialize` when the module is a reactor. */
  invoke: string | null;
  hostCalls: {
    sab: SharedArrayBuffer;
    port: MessagePort;
    wakePort: MessagePort;
    imports: string[];
    workerModule: string | null;
    deadlineMs: number;
  } | null;
}

export interface StartMessage {
  module: WebAssembly.Module;
}

export type WorkerResult =
  | { type: 'exited'; exitCode: number }
  | { type: 'trapped'; message: string }
  | { type: 'failed'; exitCode: number; message: string };
