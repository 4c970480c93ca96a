/**
 * `GET /metrics` on the admin port, in Prometheus's text format (prom-client, on a registry of its
 * own so that nothing else in the process leaks into it): requests by function and status, their
 * latency, instances busy and idle, instance starts and losses, and the host calls the functions
 * make, by name and status (status 10 is the sidecar failing).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HostCalls } from '../runtime-bridge/index.js';
import type { AccessRecord } from './access-log.js';
import type { FunctionInfo } from './registry.js';

/** Layotto's status for a host call the sidecar could not serve (README, host functions). */
const INTERNAL_FAILURE = 10;

export class ServeMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'wasmctl_serve_requests_total',
    help: 'Requests by function id and HTTP status.',
    labelNames: ['function', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'wasmctl_serve_request_duration_seconds',
    help: 'Time from a request arriving to its answer, by function id.',
    labelNames: ['function'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly starts = new Counter({
    name: 'wasmctl_serve_instance_starts_total',
    help: 'Instances started, by function id.',
    labelNames: ['function'],
    registers: [this.registry],
  });
  private readonly losses = new Counter({
    name: 'wasmctl_serve_instance_losses_total',
    help: 'Instances that ended on their own (a timeout killed them, their process crashed, a trap left no new instance), by function id.',
    labelNames: ['function'],
    registers: [this.registry],
  });
  private readonly hostCalls = new Counter({
    name: 'wasmctl_serve_host_calls_total',
    help: 'Runtime host calls from functions, by name and status.',
    labelNames: ['name', 'status'],
    registers: [this.registry],
  });
  private readonly sidecarErrors = new Counter({
    name: 'wasmctl_serve_sidecar_errors_total',
    help: 'Host calls the sidecar could not serve (status 10).',
    registers: [this.registry],
  });

  constructor(list: () => FunctionInfo[]) {
    // Read at each scrape from what serves: never out of step with /wasm/list.
    new Gauge({
      name: 'wasmctl_serve_instances',
      help: 'Warm instances by function id and state.',
      labelNames: ['function', 'state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const fn of list()) {
          this.set({ function: fn.id, state: 'busy' }, Math.min(fn.inFlight, fn.instances));
          this.set({ function: fn.id, state: 'idle' }, Math.max(fn.instances - fn.inFlight, 0));
        }
      },
    });
  }

  request(record: AccessRecord): void {
    const fn = record.id || '-';
    this.requests.inc({ function: fn, status: String(record.status) });
    this.latency.observe({ function: fn }, record.ms / 1000);
  }

  instanceStarted(id: string): void {
    this.starts.inc({ function: id });
  }

  instanceLost(id: string): void {
    this.losses.inc({ function: id });
  }

  /** The same host calls, counted. */
  counting(calls: HostCalls): HostCalls {
    return {
      ...calls,
      handle: async (method, payload) => {
        const reply = await calls.handle(method, payload);
        this.hostCalls.inc({ name: method, status: String(reply.status) });
        if (reply.status === INTERNAL_FAILURE) this.sidecarErrors.inc();
        return reply;
      },
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
