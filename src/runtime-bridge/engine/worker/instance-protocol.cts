/**
 * What the main thread and a long-lived function instance's worker tell each other (`wasmctl
 * serve`). The worker is configured like a run's (WASI, host channel), starts the module once,
 * then answers one HTTP request per message.
 */
import type { HeaderPairs, LocalResponse } from '../../abi/proxy-state.cjs';
import type { WorkerConfig } from './protocol.cjs';

export interface InstanceConfig extends WorkerConfig {
  /** Names the function in its log lines. */
  label: string;
  /** proxy_log lines as JSON objects (`serve --json`) rather than text. */
  jsonLogs: boolean;
}

export type ToInstance =
  | { type: 'start'; module: WebAssembly.Module }
  | { type: 'request'; headers: HeaderPairs; body: Uint8Array }
  | { type: 'close' };

export type FromInstance =
  | { type: 'ready'; moduleId: string | null }
  | ({ type: 'response' } & LocalResponse)
  /** The instance is broken (trap, exit, host failure) and must not be used again. */
  | { type: 'broken'; message: string };
