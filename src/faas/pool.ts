import { describeError, WasmctlError } from '../common/index.js';
import type { EventLogger } from './access-log.js';
import type { FunctionInstance, FunctionRequest, FunctionResponse, InstanceFactory } from './types.js';

interface Waiter {
  resolve(instance: FunctionInstance): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * N warm instances of one function. A request holds an instance for its whole call (a proxy-wasm
 * instance keeps per-request state), waits a bounded time for a free one, and an instance that
 * trapped or timed out is replaced, never reused.
 */
export class FunctionPool {
  private readonly idle: FunctionInstance[] = [];
  private readonly busy = new Set<FunctionInstance>();
  private readonly waiters: Waiter[] = [];
  private target = 0;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly factory: InstanceFactory,
    private readonly queueTimeoutMs: number,
    private readonly log: EventLogger,
  ) {}

  get size(): number {
    return this.idle.length + this.busy.size;
  }

  get inFlight(): number {
    return this.busy.size;
  }

  /** Grows or shrinks to n instances; shrinking retires idle ones now and busy ones on release. */
  async resize(n: number): Promise<void> {
    this.target = n;
    const missing = n - this.size;
    if (missing > 0) {
      const fresh = await Promise.all(Array.from({ length: missing }, () => this.factory()));
      for (const instance of fresh) this.offer(instance);
    }
    while (this.size > this.target && this.idle.length > 0) await this.idle.pop()?.close();
  }

  async invoke(request: FunctionRequest): Promise<FunctionResponse> {
    const instance = await this.acquire();
    try {
      const response = await instance.handle(request);
      this.release(instance);
      return response;
    } catch (err) {
      this.busy.delete(instance);
      void instance.close();
      void this.replenish();
      throw err;
    }
  }

  /** Stops taking requests, lets in-flight ones finish, then closes every instance. */
  async close(): Promise<void> {
    this.closed = true;
    this.target = 0;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new WasmctlError('Unavailable', `function ${this.id} was uninstalled`));
    }
    await Promise.all(this.idle.splice(0).map((instance) => instance.close()));
    while (this.busy.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private acquire(): Promise<FunctionInstance> {
    if (this.closed) return Promise.reject(new WasmctlError('Unavailable', `function ${this.id} was uninstalled`));
    const instance = this.idle.pop();
    if (instance) {
      this.busy.add(instance);
      return Promise.resolve(instance);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(
            new WasmctlError('ResourceExhausted', `all ${this.size} instances of ${this.id} stayed busy for ${this.queueTimeoutMs} ms`, {
              hint: 'raise instance_num or --instances',
            }),
          );
        }, this.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private release(instance: FunctionInstance): void {
    this.busy.delete(instance);
    if (this.size >= this.target) {
      void instance.close();
      return;
    }
    this.offer(instance);
  }

  private offer(instance: FunctionInstance): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      this.busy.add(instance);
      waiter.resolve(instance);
    } else {
      this.idle.push(instance);
    }
  }

  private async replenish(): Promise<void> {
    if (this.closed || this.size >= this.target) return;
    try {
      this.offer(await this.factory());
    } catch (err) {
      this.log(`could not replace an instance of ${this.id}: ${describeError(err)}`);
    }
  }
}
