/**
 * The warm instances of one wasi:http/proxy component: the second kind of function `serve` runs
 * beside proxy-wasm modules, each instance in a Worker of its own (runtime-bridge's
 * HttpComponentInstance: request in, response out, start, kill). A request holds one instance for
 * its call; one that trapped or passed the timeout is killed and replaced.
 */
import { describeError, WasmctlError } from '../common/index.js';
import { HttpComponentInstance } from '../runtime-bridge/index.js';
import type { EventLogger } from './access-log.js';
import type { PoolObserver } from './pool.js';
import type { ComponentFunction, FunctionRequest, FunctionResponse } from './types.js';

export class ComponentPool {
  /** Components name no id of their own: the route id is required. */
  readonly moduleId = null;
  private readonly instances = new Set<HttpComponentInstance>();
  private idle: HttpComponentInstance[] = [];
  private waiters: Array<{ resolve: (i: HttpComponentInstance) => void; reject: (err: Error) => void }> = [];
  private busy = 0;
  private target = 0;
  private closed = false;

  constructor(
    readonly fn: ComponentFunction,
    readonly routeId: string | null,
    private readonly log: EventLogger,
    private readonly observer?: PoolObserver,
  ) {}

  get id(): string {
    return this.routeId ?? this.fn.label;
  }

  get size(): number {
    return this.instances.size;
  }

  get inFlight(): number {
    return this.busy;
  }

  async resize(n: number): Promise<void> {
    this.target = n;
    const missing = n - this.instances.size;
    if (missing > 0) await Promise.all(Array.from({ length: missing }, () => this.startOne()));
    while (this.instances.size > this.target && this.idle.length > 0) this.retire(this.idle.pop() as HttpComponentInstance);
  }

  async invoke(request: FunctionRequest): Promise<FunctionResponse> {
    if (this.closed) throw this.uninstalled();
    this.busy++;
    try {
      const instance = await this.acquire();
      try {
        const response = await instance.handle({ method: request.method, path: request.path, headers: request.headers, body: request.body });
        return { ...response, body: Buffer.from(response.body) };
      } finally {
        this.release(instance);
      }
    } finally {
      this.busy--;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters) waiter.reject(this.uninstalled());
    this.waiters = [];
    for (const instance of this.instances) this.retire(instance);
  }

  private acquire(): Promise<HttpComponentInstance> {
    const instance = this.idle.pop();
    if (instance) return Promise.resolve(instance);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(instance: HttpComponentInstance): void {
    if (!instance.alive) {
      this.instances.delete(instance);
      this.observer?.lost(this.id);
      if (!this.closed && this.instances.size < this.target) {
        this.startOne().catch((err: unknown) => this.log(`could not replace an instance of ${this.id}: ${describeError(err)}`));
      }
      return;
    }
    if (this.closed || this.instances.size > this.target) return this.retire(instance);
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(instance);
    else this.idle.push(instance);
  }

  private retire(instance: HttpComponentInstance): void {
    this.instances.delete(instance);
    this.idle = this.idle.filter((i) => i !== instance);
    instance.kill();
  }

  private async startOne(): Promise<void> {
    const { component, ...options } = this.fn;
    const instance = await HttpComponentInstance.start(component, options);
    this.instances.add(instance);
    this.observer?.started(this.id);
    this.release(instance);
  }

  private uninstalled(): WasmctlError {
    return new WasmctlError('NotFound', `no function with id ${this.id}: it was uninstalled`);
  }
}
