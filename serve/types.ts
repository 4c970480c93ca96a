import type { HostCalls } from '../runtime-bridge/index.js';

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

/**
 * One warm instance of a function, whatever runs it (a proxy-wasm module in a process of its own,
 * or another kind): serve's pools schedule over this and nothing else. It serves one request at a
 * time.
 */
export interface FunctionInstance {
  /** Starts it; resolves with the id the module gives itself (proxy_get_id), or null. */
  start(): Promise<string | null>;
  request(request: FunctionRequest): Promise<FunctionResponse>;
  /** Stops it now, whatever it runs (within a second); what it serves fails with `reason`. */
  kill(reason: Error): void;
  /** False once it is ending or has ended: nothing more can be sent to it. */
  readonly alive: boolean;
  /** Resolves once it has ended, for whatever reason (killed, crashed, timed out), with that reason. */
  readonly ended: Promise<string>;
}

/** What an instance needs of serve. */
export interface InstanceHost {
  /** Layotto's runtime host calls (state, InvokeService, …), answered by serve. */
  hostCalls: HostCalls;
  /** Per operation: a request (with what it invokes), or the start. */
  timeoutMs: number;
  jsonLogs: boolean;
}

/** A function as loaded once: where it came from, and how to make an instance of it. */
export interface FunctionModule {
  /** Image reference or file; names it in messages and logs. */
  label: string;
  instance(host: InstanceHost): FunctionInstance;
}
