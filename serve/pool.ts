/**
 * The warm instances of one function: at least `--instances` (`instance_num`), at most
 * `--max-instances`. A request holds one instance for its whole call (a proxy-wasm instance keeps
 * per-request state, and serves one request at a time); requests that find none idle wait in
 * arrival order, a bounded time, and each wait that no starting instance will serve starts one,
 * up to the maximum. Instances idle for SHRINK_AFTER_MS above the minimum are stopped. An
 * instance that ends on its own (a timeout killed it, its process crashed) is replaced while the
 * pool is below its minimum or requests wait.
 */
import { describeError, WasmctlError } from '../common/index.js';
import type { EventLogger } from './access-log.js';
import type { FunctionInstance, FunctionModule, FunctionRequest, FunctionResponse, InstanceHost } from './types.js';

/** What a pool tells about its instances (serve's metrics). */
export interface PoolObserver {
  started(id: string): void;
  lost(id: string): void;
}

export interface PoolOptions {
  host: InstanceHost;
  /** How long a request waits for a free instance before 503. */
  queueTimeoutMs: number;
  /** Most instances, whatever the load (raised to the minimum when that is higher). */
  maxInstances: number;
  log: EventLogger;
  observer?: PoolObserver | undefined;
}

/** How long an instance above the minimum may stay idle. */
export const SHRINK_AFTER_MS = 3000;
/** Pause before a failed start is tried again (a loaded machine, a crash at start), doubled up to 5 s. */
const RETRY_MS = 200;
const RETRY_MAX_MS = 5000;

interface Slot {
  instance: FunctionInstance;
  idleSince: number;
  /** Stopped by the pool (shrunk, uninstalled): its end is no loss. */
  retired: boolean;
}

interface Waiter {
  resolve(slot: Slot): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class FunctionPool {
  /** The id the module gave itself (proxy_get_id), once an instance started. */
  moduleId: string | null = null;
  private readonly slots = new Set<Slot>();
  /** Most recently used last: the warmest instance serves next, the coldest shrinks first. */
  private readonly idle: Slot[] = [];
  private readonly waiters: Waiter[] = [];
  private starting = 0;
  /** Starts that failed in a row: the next retry waits longer. */
  private failedStarts = 0;
  private busy = 0;
  private min = 0;
  private closed = false;
  private readonly shrinker: NodeJS.Timeout;

  constructor(
    readonly module: FunctionModule,
    readonly routeId: string | null,
    private readonly options: PoolOptions,
  ) {
    this.shrinker = setInterval(() => this.shrink(), SHRINK_AFTER_MS / 3).unref();
  }

  get id(): string {
    return this.routeId ?? this.moduleId ?? this.module.label;
  }

  /** Started instances. */
  get size(): number {
    return this.slots.size;
  }

  /** Requests being served or waiting for an instance. */
  get inFlight(): number {
    return this.busy;
  }

  private get max(): number {
    return Math.max(this.min, this.options.maxInstances);
  }

  /** Makes n the minimum: starts what is missing, stops idle instances above it. */
  async resize(n: number): Promise<void> {
    this.min = n;
    for (let extra = this.slots.size - n; extra > 0 && this.idle.length > 0; extra--) this.retire(this.idle.shift() as Slot);
    const missing = n - this.slots.size - this.starting;
    if (missing > 0) await Promise.all(Array.from({ length: missing }, () => this.startOne()));
  }

  async invoke(request: FunctionRequest): Promise<FunctionResponse> {
    if (this.closed) throw this.uninstalled();
    this.busy++;
    try {
      const slot = this.idle.pop() ?? (await this.wait());
      try {
        return await slot.instance.request(request);
      } finally {
        this.release(slot);
      }
    } finally {
      this.busy--;
    }
  }

  /** Stops taking requests and stops every instance now: what they serve fails with `reason`. */
  async close(reason: Error = this.uninstalled()): Promise<void> {
    this.closed = true;
    clearInterval(this.shrinker);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(reason);
    }
    const slots = [...this.slots];
    for (const slot of slots) this.retire(slot, reason);
    await Promise.all(slots.map((slot) => slot.instance.ended));
  }

  private wait(): Promise<Slot> {
    const waiting = new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(
            new WasmctlError(
              'ResourceExhausted',
              `all ${this.slots.size} instances of ${this.id} stayed busy for ${this.options.queueTimeoutMs} ms`,
              {
                hint: 'raise --max-instances (or --queue-timeout)',
              },
            ),
          );
        }, this.options.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
    this.grow();
    return waiting;
  }

  /** Below the minimum, or a wait that no starting instance will serve (up to the maximum). */
  private get short(): boolean {
    const placed = this.slots.size + this.starting;
    return !this.closed && (placed < this.min || (placed < this.max && this.starting < this.waiters.length));
  }

  /** Starts instances while the pool is short; a start that fails is tried again while it still is. */
  private grow(): void {
    while (this.short) {
      this.startOne().catch((err: unknown) => {
        this.options.log(`could not start an instance of ${this.id}: ${describeError(err)}`);
        const pause = Math.min(RETRY_MS * 2 ** this.failedStarts++, RETRY_MAX_MS);
        setTimeout(() => this.grow(), pause).unref();
      });
    }
  }

  private async startOne(): Promise<void> {
    this.starting++;
    let instance: FunctionInstance | undefined;
    let moduleId: string | null;
    try {
      instance = this.module.instance(this.options.host);
      moduleId = await instance.start();
    } catch (err) {
      instance?.kill(err as Error);
      throw err;
    } finally {
      this.starting--;
    }
    this.moduleId ??= moduleId;
    this.failedStarts = 0;
    const slot: Slot = { instance, idleSince: 0, retired: false };
    this.slots.add(slot);
    this.options.observer?.started(this.id);
    void instance.ended.then((why) => this.ended(slot, why));
    if (this.closed) this.retire(slot);
    else this.release(slot);
  }

  /** A request is done with `slot`: the longest waiter gets it, else it waits idle. */
  private release(slot: Slot): void {
    if (!this.slots.has(slot) || slot.retired || !slot.instance.alive) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(slot);
      return;
    }
    slot.idleSince = performance.now();
    this.idle.push(slot);
  }

  private shrink(): void {
    const now = performance.now();
    while (this.slots.size > this.min && this.idle.length > 0 && now - (this.idle[0] as Slot).idleSince >= SHRINK_AFTER_MS) {
      this.retire(this.idle.shift() as Slot);
    }
  }

  private retire(slot: Slot, reason: Error = new WasmctlError('Unavailable', `an instance of ${this.id} was stopped`)): void {
    slot.retired = true;
    this.forget(slot);
    slot.instance.kill(reason);
  }

  private forget(slot: Slot): void {
    this.slots.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
  }

  /** Ended: replaced if the pool is now below its minimum, or requests wait for it. */
  private ended(slot: Slot, why: string): void {
    this.forget(slot);
    if (slot.retired || this.closed) return;
    this.options.observer?.lost(this.id);
    this.options.log(`an instance of ${this.id} ended: ${why}`);
    this.grow();
  }

  /** 404 like any unknown id: a retry would find no such function either (503 says retry). */
  private uninstalled(): WasmctlError {
    return new WasmctlError('NotFound', `no function with id ${this.id}: it was uninstalled`);
  }
}
