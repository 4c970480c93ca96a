import type { ComponentPayload, HostCalls } from '../runtime-bridge/index.js';

/** What a function sees of an HTTP request, after Layotto's rule: no body → the query string. */
export interface FunctionRequest {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface FunctionResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** A function module as loaded once: compiled, with what its WASI sandbox sees. */
export interface FunctionModule {
  module: WebAssembly.Module;
  /** Where it came from (image reference or file); names it in messages and logs. */
  label: string;
  rootfs: string | null;
  args: string[];
  env: string[];
}

/** A wasi:http/proxy component as loaded once: transpiled and compiled, with its sandbox's view. */
export interface ComponentFunction {
  component: ComponentPayload;
  label: string;
  rootfs: string | null;
  args: string[];
  env: string[];
  /** Longest a request may run (serve's --timeout); the instance is replaced past it. */
  timeoutMs?: number;
  /** The gateway's runtime API, which its wasi:keyvalue, config and messaging imports reach. */
  hostCalls?: HostCalls;
}

export type LoadedFunction = FunctionModule | ComponentFunction;
