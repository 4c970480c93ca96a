import { describeError, WasmctlError } from '../common/index.js';
import type { EventLogger } from './access-log.js';
import type { WorkerGroup } from './worker-group.js';
import type { HostedFunction } from './worker-host.js';
import type { FunctionModule, FunctionRequest, FunctionResponse } from './types.js';

let nextKey = 1;

/** What a pool tells about its instances (serve's metrics). */
export interface PoolObserver {
  started(id: string): void;
  lost(id: string): void;
}

/**
 * The N warm instances of one function (`--instances`, `instance_num`), spread over the shared
 * Workers. A request holds one for its whole call (a proxy-wasm instance keeps per-request state)
 * and waits a bounded time for a free one. An instance that trapped is replaced inside its Worker;
 * one that timed out is replaced with its whole Worker (worker-host.ts).
 */
export class FunctionPool implements HostedFunction {
  readonly key = nextKey++;
  /** The id the module gave itself (proxy_get_id), once an instance started. */
  moduleId: string | null = null;
  private starting = 0;
  private busy = 0;
  private target = 0;
  private closed = false;
  /** Resolves close() once the last request in flight (or waiting for an instance) ends. */
  private drained: (() => void) | undefined;

  constructor(
    readonly module: FunctionModule,
    readonly routeId: string | null,
    private readonly group: WorkerGroup,
    private readonly log: EventLogger,
    private readonly observer?: PoolObserver,
  ) {}

  get id(): string {
    return this.routeId ?? this.moduleId ?? this.module.label;
  }

  get size(): number {
    return this.group.hosts.reduce((sum, host) => sum + host.count(this), 0);
  }

  get inFlight(): number {
    return this.busy;
  }

  /** Grows or shrinks to n instances; dropped ones finish what they serve first. */
  async resize(n: number): Promise<void> {
    this.target = n;
    const missing = n - this.size - this.starting;
    if (missing > 0) await Promise.all(Array.from({ length: missing }, () => this.startOne()));
    const drops: Array<Promise<void>> = [];
    for (let extra = this.size - this.target; extra > 0; extra--) {
      const host = this.group.hosts.reduce((a, b) => (b.count(this) > a.count(this) ? b : a));
      drops.push(host.drop(this, 1));
    }
    await Promise.all(drops);
  }

  async invoke(request: FunctionRequest): Promise<FunctionResponse> {
    if (this.closed) throw this.uninstalled();
    // Counted while it waits too: close() must not drop the instance a request was just given.
    this.busy++;
    try {
      const host = await this.group.acquire(this, this.id, this.size);
      return await host.request(this, request);
    } finally {
      if (--this.busy === 0) this.drained?.();
    }
  }

  surplus(): boolean {
    return this.size > this.target;
  }

  lost(message: string): void {
    this.observer?.lost(this.id);
    this.log(`an instance of ${this.id} could not be started again: ${message}`);
    if (this.closed || this.size + this.starting >= this.target) return;
    this.startOne().catch((err: unknown) => this.log(`could not replace an instance of ${this.id}: ${describeError(err)}`));
  }

  /** Stops taking requests, lets in-flight ones finish, then drops every instance. */
  async close(): Promise<void> {
    this.closed = true;
    this.target = 0;
    this.group.cancel(this, this.uninstalled());
    // What runs for it now stops now, whatever the module does, not at its --timeout.
    for (const host of this.group.hosts) host.evict(this, this.uninstalled());
    if (this.busy > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(this.group.hosts.filter((host) => host.count(this) > 0).map((host) => host.drop(this, host.count(this))));
  }

  /** 404 like any unknown id: a retry would find no such function either (503 says retry). */
  private uninstalled(): WasmctlError {
    return new WasmctlError('NotFound', `no function with id ${this.id}: it was uninstalled`);
  }

  private async startOne(): Promise<void> {
    this.starting++;
    try {
      const host = this.group.place(this);
      const moduleId = await host.start(this);
      this.moduleId ??= moduleId;
      this.observer?.started(this.id);
    } finally {
      this.starting--;
    }
  }
}
