/**
 * One serve Worker and the warm instances it holds, of any functions. Its thread runs one
 * operation at a time (a start, a request with whatever it invokes inline, a drop): operations
 * queue here and each has the --timeout. A Worker that must be terminated (timeout, crash) takes
 * all its instances with it; a new Worker starts them again before anything queued runs. Since a
 * Worker serves one request at a time, the request that timed out is the only one that fails.
 *
 * A thread does not always end when terminated: V8 holds back the termination while a module's
 * memory.grow keeps succeeding. Such a Worker is given up after STOP_GRACE_MS and replaced all the
 * same, so the other functions keep answering; its thread runs on until the process ends
 * (stuckWorkers() tells the CLI to end it hard).
 */
import { Worker } from 'node:worker_threads';
import { WasmctlError, describeError } from '../common/index.js';
import {
  formatDuration,
  serveHostCalls,
  STOP_GRACE_MS,
  workerBoot,
  workerFile,
  type FromInstance,
  type HostCalls,
  type HostServer,
  type InstanceConfig,
  type ToInstance,
} from '../runtime-bridge/index.js';
import type { FunctionModule, FunctionRequest, FunctionResponse } from './types.js';

/** A function as the Workers see it: one per install. */
export interface HostedFunction {
  readonly key: number;
  readonly module: FunctionModule;
  /** The id InvokeService reaches it by inside a Worker; null: the module's own (proxy_get_id). */
  readonly routeId: string | null;
  /** An instance of it broke and could not be started again. */
  lost(message: string): void;
  /** More instances than wanted (shrunk or uninstalled while one started): drop the new one. */
  surplus(): boolean;
}

export interface HostOptions {
  /** Layotto's runtime host calls, answered on this thread. */
  hostCalls: HostCalls;
  /** Per operation: a request (with what it invokes inline), or an instance start. */
  timeoutMs: number;
  jsonLogs: boolean;
}

interface Operation {
  message: ToInstance;
  what: string;
  /** Runs at once when the operation ends (null: it failed), before the next one starts. */
  ended?: ((reply: FromInstance | null) => void) | undefined;
  resolve(reply: FromInstance): void;
  reject(err: Error): void;
}

const BOOT = workerBoot(workerFile(import.meta.url, '../runtime-bridge/engine/worker/instance-main'));
/** How long a closing worker may take to release its files before it is terminated. */
const CLOSE_GRACE_MS = 1000;
/**
 * The JS heap only marshals host calls and keeps per-instance request state (Wasm memories are
 * not part of it); small generations keep the Worker's footprint down.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

let stuck = 0;
/** Worker threads given up on and still running: process.exit() would wait for them forever. */
export const stuckWorkers = (): number => stuck;

export class WorkerHost {
  private worker!: Worker;
  private channel!: HostServer;
  /** Resolves once the Worker has ended or was given up. */
  private exited!: Promise<void>;
  /** Terminates the Worker; gives it up if it has not ended within STOP_GRACE_MS. */
  private kill!: () => void;
  /** Started instances per function; `starting` counts those on their way. */
  private readonly ready = new Map<HostedFunction, number>();
  private readonly starting = new Map<HostedFunction, number>();
  private readonly queue: Operation[] = [];
  private running: { op: Operation; timer: NodeJS.Timeout } | null = null;
  /** Requests the scheduler gave this Worker that have not been queued yet. */
  private claims = 0;
  /** Terminated or failed, not yet replaced: nothing may be sent to it. */
  private dead = false;
  private closing = false;

  constructor(
    private readonly options: HostOptions,
    /** Called whenever the Worker has nothing running, queued or promised. */
    private readonly onIdle: (host: WorkerHost) => void,
  ) {
    this.spawn();
  }

  get idle(): boolean {
    return this.running === null && this.queue.length === 0 && this.claims === 0 && !this.dead && !this.closing;
  }

  /** Started instances of `fn` here. */
  count(fn: HostedFunction): number {
    return this.ready.get(fn) ?? 0;
  }

  /** Instances here, started or starting, of `fn` or (without it) of every function. */
  placed(fn?: HostedFunction): number {
    const sum = (counts: Map<HostedFunction, number>) =>
      fn ? (counts.get(fn) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0);
    return sum(this.ready) + sum(this.starting);
  }

  /** Promises the Worker to a request about to be sent (`request`): it is no longer idle. */
  claim(): void {
    this.claims++;
  }

  /** Starts one instance of `fn`; resolves with the id the module gives itself. */
  async start(fn: HostedFunction, first = false): Promise<string | null> {
    bump(this.starting, fn, 1);
    const { module, label, rootfs, args, env } = fn.module;
    const message: ToInstance = { type: 'start', def: { fn: fn.key, module, label, rootfs, args, env, routeId: fn.routeId } };
    // Counted as the reply arrives, before the Worker is offered to requests waiting for it.
    const counted = (reply: FromInstance | null) => {
      bump(this.starting, fn, -1);
      if (reply?.type === 'ready') bump(this.ready, fn, 1);
    };
    const reply = await this.exec(message, `function ${label}: start`, first, counted);
    if (reply.type !== 'ready') throw unexpected(fn, reply, 'start');
    // Checked here rather than by the pool: a replaced Worker restarts instances on its own.
    if (fn.surplus()) await this.drop(fn, 1);
    return reply.moduleId;
  }

  /** Serves one request on an instance of `fn`, under a claim. */
  async request(fn: HostedFunction, request: FunctionRequest): Promise<FunctionResponse> {
    this.claims--;
    // A copy of exactly the body: cloning a pooled Buffer would copy its whole slab.
    const message: ToInstance = { type: 'request', fn: fn.key, headers: request.headers, body: new Uint8Array(request.body) };
    const reply = await this.exec(message, `function ${fn.module.label}: request`);
    if (reply.type !== 'response') throw unexpected(fn, reply, 'request');
    return { status: reply.status, headers: reply.headers, body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength) };
  }

  /** Drops `count` instances of `fn`; they stop counting at once, the Worker frees them in turn. */
  async drop(fn: HostedFunction, count: number): Promise<void> {
    bump(this.ready, fn, -count);
    await this.exec({ type: 'drop', fn: fn.key, count }, `function ${fn.module.label}: drop`).catch(() => undefined);
  }

  /** Asks the Worker to release its files and end; terminates it if it does not within the grace. */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      for (const op of this.queue.splice(0)) {
        op.ended?.(null);
        op.reject(new WasmctlError('Unavailable', 'wasmctl serve is closing'));
      }
      this.worker.postMessage({ type: 'close' } satisfies ToInstance);
      const grace = setTimeout(this.kill, CLOSE_GRACE_MS);
      void this.exited.then(() => clearTimeout(grace));
    }
    await this.exited;
  }

  private spawn(): void {
    this.channel = serveHostCalls(this.options.hostCalls);
    const config: InstanceConfig = {
      engine: 'wasmctl',
      // Per function: each start brings its module's args, env and rootfs.
      args: [],
      env: [],
      rootfs: null,
      // Each function instance gets the engine's default descriptor limit, so one cannot starve the others.
      nofile: null,
      mounts: [],
      // The modules' stdout joins serve's logs on stderr: serve's stdout carries its addresses.
      stdio: { stdin: null, stdout: 2, stderr: 2 },
      invoke: null,
      hostCalls: {
        sab: this.channel.sab,
        port: this.channel.workerPort,
        wakePort: this.channel.workerWakePort,
        imports: this.options.hostCalls.imports,
        workerModule: this.options.hostCalls.workerModule ?? null,
        deadlineMs: this.channel.deadlineMs,
      },
      jsonLogs: this.options.jsonLogs,
    };
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: config,
      transferList: [this.channel.workerPort, this.channel.workerWakePort],
      resourceLimits: RESOURCE_LIMITS,
    });
    this.worker = worker;
    this.dead = false;
    let [exited, givenUp] = [false, false];
    let gone!: () => void;
    this.exited = new Promise((resolve) => (gone = resolve));
    worker.on('message', (reply: FromInstance) => givenUp || this.settle(reply));
    worker.on('error', (err) => {
      if (givenUp) return;
      this.dead = true;
      this.fail(`${this.running?.op.what ?? 'worker'}: the worker failed: ${err.message}`);
    });
    worker.once('exit', () => {
      exited = true;
      if (givenUp) stuck--;
      else this.ended();
      gone();
    });
    this.kill = () => {
      void worker.terminate();
      setTimeout(() => {
        if (exited || givenUp) return;
        givenUp = true;
        stuck++;
        worker.unref();
        this.ended();
        gone();
      }, STOP_GRACE_MS).unref();
    };
  }

  /** Stops what runs for `fn` (uninstalled) now, with `err`: the Worker goes, and is replaced. */
  evict(fn: HostedFunction, err: Error): void {
    const message = this.running?.op.message;
    const fnOf = message?.type === 'request' ? message.fn : message?.type === 'start' ? message.def.fn : null;
    if (fnOf !== fn.key) return;
    this.dead = true;
    this.fail(err);
    this.kill();
  }

  /** The Worker is gone: its running operation fails; unless closing, a new one takes its instances. */
  private ended(): void {
    this.channel.stop();
    this.fail(`${this.running?.op.what ?? 'worker'}: the worker ended`);
    if (this.closing) return;
    const held = [...this.ready];
    this.ready.clear();
    this.spawn();
    for (const [fn, n] of held) {
      for (let i = 0; i < n; i++) void this.start(fn, true).catch((err: unknown) => fn.lost(describeError(err)));
    }
    this.next();
  }

  private exec(message: ToInstance, what: string, first = false, ended?: Operation['ended']): Promise<FromInstance> {
    if (this.closing) {
      ended?.(null);
      return Promise.reject(new WasmctlError('Unavailable', 'wasmctl serve is closing'));
    }
    return new Promise((resolve, reject) => {
      const op = { message, what, resolve, reject, ended };
      if (first) this.queue.unshift(op);
      else this.queue.push(op);
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.dead || this.closing) return;
    const op = this.queue.shift();
    if (!op) {
      if (this.claims === 0) this.onIdle(this);
      return;
    }
    const timer = setTimeout(() => {
      this.dead = true;
      this.fail(`${op.what} exceeded --timeout ${formatDuration(this.options.timeoutMs)}`);
      // Stuck in Wasm (or in a host call): only terminating the thread stops it.
      this.kill();
    }, this.options.timeoutMs);
    this.running = { op, timer };
    this.worker.postMessage(op.message);
  }

  private settle(reply: FromInstance): void {
    for (const { fn: key, message } of reply.lost) {
      const fn = [...this.ready.keys()].find((f) => f.key === key);
      if (!fn) continue;
      bump(this.ready, fn, -1);
      fn.lost(message);
    }
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = null;
    running.op.ended?.(reply);
    running.op.resolve(reply);
    this.next();
  }

  /** The running operation fails; the next one waits for the Worker that replaces this one. */
  private fail(reason: string | Error): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = null;
    running.op.ended?.(null);
    running.op.reject(typeof reason === 'string' ? new WasmctlError('Internal', reason) : reason);
  }
}

function bump(counts: Map<HostedFunction, number>, fn: HostedFunction, by: number): void {
  const n = (counts.get(fn) ?? 0) + by;
  if (n > 0) counts.set(fn, n);
  else counts.delete(fn);
}

/** Internal → HTTP 500: the function failed, not the request. */
function unexpected(fn: HostedFunction, reply: FromInstance, what: string): WasmctlError {
  return new WasmctlError('Internal', `function ${fn.module.label}: ${reply.type === 'failed' ? reply.message : `unexpected ${reply.type} reply to ${what}`}`);
}
