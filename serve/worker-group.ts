/**
 * The serve Workers, shared by every function, and who runs next on them. A request needs an idle
 * Worker holding an instance of its function: a Worker runs one request at a time (a host call
 * blocks its thread), so a busy Worker's other instances wait too. Requests that find none wait in
 * one queue, in arrival order, a bounded time; past it 503, never a deadlock: a Worker blocked on
 * InvokeService is not idle, so the call it waits on is served elsewhere or fails in time.
 */
import { WasmctlError } from '../common/index.js';
import type { HostedFunction, HostOptions } from './worker-host.js';
import { WorkerHost } from './worker-host.js';

interface Waiter {
  fn: HostedFunction;
  resolve(host: WorkerHost): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class WorkerGroup {
  readonly hosts: WorkerHost[];
  private readonly waiters: Waiter[] = [];
  /** Where the search for an idle Worker starts, turning, so that load spreads. */
  private turn = 0;

  constructor(
    workers: number,
    options: HostOptions,
    private readonly queueTimeoutMs: number,
  ) {
    this.hosts = Array.from({ length: workers }, () => new WorkerHost(options, (host) => this.freed(host)));
  }

  /**
   * Where a new instance of `fn` goes: the Worker with the fewest of its instances, then the
   * fewest instances. Spread this way, every Worker holds instances of every function as soon as
   * there are enough, so InvokeService between them mostly stays inside a Worker.
   */
  place(fn: HostedFunction): WorkerHost {
    const [first, ...rest] = this.hosts as [WorkerHost, ...WorkerHost[]];
    return rest.reduce((best, host) => {
      const [a, b] = [host.placed(fn), best.placed(fn)];
      return a < b || (a === b && host.placed() < best.placed()) ? host : best;
    }, first);
  }

  /** An idle Worker holding an instance of `fn`, claimed for one request. */
  acquire(fn: HostedFunction, id: string, instances: number): Promise<WorkerHost> {
    for (let i = 0; i < this.hosts.length; i++) {
      const host = this.hosts[(this.turn + i) % this.hosts.length]!;
      if (host.idle && host.count(fn) > 0) {
        this.turn = (this.turn + i + 1) % this.hosts.length;
        host.claim();
        return Promise.resolve(host);
      }
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        fn,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(
            new WasmctlError('ResourceExhausted', `all ${instances} instances of ${id} stayed busy for ${this.queueTimeoutMs} ms`, {
              hint: 'raise instance_num or --instances (or --workers)',
            }),
          );
        }, this.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Refuses the requests still waiting for `fn` (uninstalled). */
  cancel(fn: HostedFunction, err: Error): void {
    for (const waiter of this.waiters.filter((w) => w.fn === fn)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
      waiter.reject(err);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.close()));
  }

  private freed(host: WorkerHost): void {
    const index = this.waiters.findIndex((w) => host.count(w.fn) > 0);
    if (index < 0) return;
    const [waiter] = this.waiters.splice(index, 1) as [Waiter];
    clearTimeout(waiter.timer);
    host.claim();
    waiter.resolve(host);
  }
}
