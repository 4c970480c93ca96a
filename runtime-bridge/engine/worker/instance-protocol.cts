/**
 * What the main thread and a `wasmctl serve` worker tell each other. One worker holds many warm
 * instances, of any functions; it runs one operation at a time (a start, a request with whatever
 * it invokes inline, a drop) and answers each with exactly one reply.
 */
import type { HeaderPairs, LocalResponse } from '../../abi/proxy-state.cjs';
import type { WorkerConfig } from './protocol.cjs';

/** The worker's own config: the host channel and stdio; args, env and rootfs are per function. */
export interface InstanceConfig extends WorkerConfig {
  /** proxy_log lines as JSON objects (`serve --json`) rather than text. */
  jsonLogs: boolean;
}

/**
 * A function module as its instances are made from; it comes with every start (a compiled
 * Module crosses threads without recompiling: its code is shared).
 */
export interface FunctionDef {
  /** The main thread's key of the function (one per install). */
  fn: number;
  module: WebAssembly.Module;
  /** Names the function in its log lines. */
  label: string;
  rootfs: string | null;
  args: string[];
  env: string[];
  /** Routing id for InvokeService dispatched inside the worker; null: the module's own. */
  routeId: string | null;
}

export type ToInstance =
  | { type: 'start'; def: FunctionDef }
  /** Served by any idle instance of `fn` in the worker. */
  | { type: 'request'; fn: number; headers: HeaderPairs; body: Uint8Array }
  /** Drops `count` instances of `fn` (all idle: the worker runs nothing else meanwhile). */
  | { type: 'drop'; fn: number; count: number }
  | { type: 'close' };

export type Reply =
  | { type: 'ready'; moduleId: string | null }
  | ({ type: 'response' } & LocalResponse)
  /** The operation failed (trap, exit, host failure); a broken instance was already replaced. */
  | { type: 'failed'; message: string }
  | { type: 'dropped' };

/** Every reply also lists the instances that broke and could not be re-instantiated. */
export type FromInstance = Reply & { lost: Array<{ fn: number; message: string }> };
