/**
 * A warm function instance: one Worker running the module through the engine's pieces (our WASI,
 * the host-call channel, the memory cap applied at compile time). One Worker per instance on
 * purpose: an instance blocks its thread while a host call is answered, so function 1 waiting on
 * InvokeService("id_2") must never share a thread with the function 2 instance that answers it.
 */
import { Worker } from 'node:worker_threads';
import { WasmctlError } from '../common/index.js';
import {
  formatDuration,
  serveHostCalls,
  workerBoot,
  workerFile,
  type FromInstance,
  type HostCalls,
  type HostServer,
  type InstanceConfig,
  type ToInstance,
} from '../runtime-bridge/index.js';
import type { FunctionInstance, FunctionRequest, FunctionResponse, InstanceFactory } from './types.js';

/** A function module as loaded once: compiled, with what its WASI sandbox sees. */
export interface FunctionModule {
  module: WebAssembly.Module;
  /** Where it came from (image reference or file); names it in messages and logs. */
  label: string;
  rootfs: string | null;
  args: string[];
  env: string[];
}

export interface InstanceOptions {
  /** Layotto's runtime host calls, answered on this thread. */
  hostCalls: HostCalls;
  /** Per request, and for `_start` plus the plugin start; past it the instance is replaced. */
  timeoutMs: number;
  jsonLogs: boolean;
}

const BOOT = workerBoot(workerFile(import.meta.url, '../runtime-bridge/engine/worker/instance-main'));

/** How long a closing worker may take to release its files before it is terminated. */
const CLOSE_GRACE_MS = 1000;
/**
 * A small JS heap: the instance's JS only marshals host calls (its Wasm memory is not part of the
 * V8 heap), and smaller young/old generations keep an idle Worker's footprint down.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 };

export function instanceFactory(fn: FunctionModule, options: InstanceOptions): InstanceFactory {
  return () => WorkerInstance.start(fn, options);
}

class WorkerInstance implements FunctionInstance {
  moduleId: string | undefined;
  private waiting: ((reply: FromInstance | Error) => void) | null = null;
  private exited: Promise<void>;
  private closing = false;
  /** Set once the thread is gone, whichever way: an idle instance can die too (worker error). */
  private ended = false;

  private constructor(
    private readonly worker: Worker,
    private readonly host: HostServer,
    private readonly fn: FunctionModule,
    private readonly timeoutMs: number,
  ) {
    worker.on('message', (reply: FromInstance) => this.settle(reply));
    worker.on('error', (err) => this.settle(this.failure(err.message)));
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        this.ended = true;
        host.stop();
        this.settle(this.failure('the instance worker ended'));
        resolve();
      }),
    );
  }

  static async start(fn: FunctionModule, options: InstanceOptions): Promise<FunctionInstance> {
    const host = serveHostCalls(options.hostCalls);
    const config: InstanceConfig = {
      engine: 'wasmctl',
      args: fn.args,
      env: fn.env,
      rootfs: fn.rootfs,
      mounts: [],
      // The module's stdout joins serve's logs on stderr: serve's stdout carries its addresses.
      stdio: { stdin: null, stdout: 2, stderr: 2 },
      invoke: null,
      hostCalls: {
        sab: host.sab,
        port: host.workerPort,
        wakePort: host.workerWakePort,
        imports: options.hostCalls.imports,
        workerModule: options.hostCalls.workerModule ?? null,
        deadlineMs: host.deadlineMs,
      },
      label: fn.label,
      jsonLogs: options.jsonLogs,
    };
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: config,
      transferList: [host.workerPort, host.workerWakePort],
      resourceLimits: RESOURCE_LIMITS,
    });
    const instance = new WorkerInstance(worker, host, fn, options.timeoutMs);
    try {
      const ready = await instance.exchange({ type: 'start', module: fn.module }, 'start');
      if (ready.type !== 'ready') throw instance.unexpected(ready, 'start');
      instance.moduleId = ready.moduleId ?? undefined;
      return instance;
    } catch (err) {
      await instance.close();
      throw err;
    }
  }

  async handle(request: FunctionRequest): Promise<FunctionResponse> {
    // A copy of exactly the body: cloning a pooled Buffer would copy its whole slab.
    const reply = await this.exchange({ type: 'request', headers: request.headers, body: new Uint8Array(request.body) }, 'request');
    if (reply.type !== 'response') throw this.unexpected(reply, 'request');
    return { status: reply.status, headers: reply.headers, body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength) };
  }

  /** Asks the worker to release its files and end; terminates it if it does not within the grace. */
  async close(): Promise<void> {
    if (!this.closing && !this.ended) {
      this.closing = true;
      this.worker.postMessage({ type: 'close' } satisfies ToInstance);
      const grace = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
      void this.exited.then(() => clearTimeout(grace));
    }
    await this.exited;
  }

  private exchange(message: ToInstance, what: string): Promise<FromInstance> {
    if (this.closing || this.ended) return Promise.reject(this.failure('the instance is closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(this.failure(`${what} exceeded --timeout ${formatDuration(this.timeoutMs)}`));
        // Stuck in Wasm (or in a host call): only terminating the thread stops it.
        void this.worker.terminate();
      }, this.timeoutMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      };
      this.worker.postMessage(message);
    });
  }

  private settle(reply: FromInstance | Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(reply);
  }

  private unexpected(reply: FromInstance, what: string): WasmctlError {
    return this.failure(reply.type === 'broken' ? reply.message : `unexpected ${reply.type} reply to ${what}`);
  }

  /** Internal → HTTP 500: the function failed, not the request. */
  private failure(message: string): WasmctlError {
    return new WasmctlError('Internal', `function ${this.fn.label}: ${message}`);
  }
}
