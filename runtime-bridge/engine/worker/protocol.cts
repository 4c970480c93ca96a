/** What the main thread and a module's worker tell each other. */
import type { ErrorKind } from '../../../common/errors.js';
import type { HostRoute } from './host-channel.cjs';
import type { HostImportFactory } from './host-imports.cjs';
import type { ComponentPayload } from '../component/payload.cjs';
import type { EngineName, Mount, RunStdio } from '../../types.js';

/** What the module runs with; it comes with the compiled module in the StartMessage. */
export interface WorkerConfig {
  engine: EngineName;
  args: string[];
  env: string[];
  rootfs: string | null;
  mounts: Mount[];
  stdio: RunStdio;
  /** Most descriptors the module may hold (null: the engine's default). */
  nofile: number | null;
  /** Export to call after `_initialize` when the module is a reactor. */
  invoke: string | null;
  hostCalls:
    | (HostRoute & {
        imports: string[];
        workerModule: string | null;
        /** workerModule's implementations when this thread has them already (inline-run.ts). */
        hostImports?: Record<string, HostImportFactory>;
      })
    | null;
}

/**
 * The one message a module's worker waits for. The config travels with the module rather than
 * as workerData so that a worker can be started before the request is known (prestartWorker).
 */
export interface StartMessage {
  config: WorkerConfig;
  /** The core module to run, or null when the entry is a WASI 0.2 component. */
  module: WebAssembly.Module | null;
  component: ComponentPayload | null;
}

/** A failure keeps its kind across the thread boundary, as a WasmctlError has one on the main thread. */
export interface WorkerFailure {
  type: 'failed';
  kind?: ErrorKind;
  exitCode: number;
  message: string;
}

export type WorkerResult = { type: 'exited'; exitCode: number } | { type: 'trapped'; message: string } | WorkerFailure;
