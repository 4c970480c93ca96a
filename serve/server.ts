/**
 * `wasmctl serve` as a library: the function gateway (Layotto's listener on 2045), the admin API
 * (34998), the registry of warm instance pools, and the runtime API behind the host calls.
 */
import { availableParallelism } from 'node:os';
import { layottoHostCalls, parseAllowedHost, withOutgoingHttp, type RuntimeConnection } from '../runtime-bridge/index.js';
import { accessLogger, eventLogger } from './access-log.js';
import { createAdmin } from './admin.js';
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-limits.js';
import { createGateway } from './gateway.js';
import { ServeMetrics } from './metrics.js';
import { closeServer, listen } from './http-util.js';
import { loadFunction } from './loader.js';
import type { Route } from './routes.js';
import { FunctionRegistry, type FunctionInfo } from './registry.js';
import { connectRuntime, type RuntimeChoice } from '../runtime-bridge/index.js';
import { invokingLocally } from './local-invoke.js';
import { WasmctlError } from '../common/index.js';

export interface ServeOptions extends RuntimeChoice {
  /** host:port of the function gateway; port 0 picks a free one. */
  listen: string;
  /** host:port of the admin API. */
  admin: string;
  functions: Array<{ source: string; id?: string }>;
  /** Warm instances per function given here, at least (the admin API says its own). */
  instances: number;
  /** Most instances of one function under load (default 2 per core). */
  maxInstances?: number;
  /** Image store folder. */
  root: string;
  timeoutMs: number;
  memoryBytes?: number;
  /** How a function's image is pulled when missing, as `wasmctl pull` takes it. */
  platform?: string;
  plainHttp?: boolean;
  json: boolean;
  /** How long a request waits for a free instance before 503. */
  queueTimeoutMs?: number;
  /** What one client may hold of the gateway and of the admin port (each counts its own). */
  connections?: ConnectionLimits;
  /** Path prefixes routed to an id when a request has no `id` header (`--route /api=id_1`). */
  routes?: Route[];
  /** `HOST[:PORT]`s a component's wasi:http/outgoing-handler may reach (`--allow-http`); none else. */
  allowHttp?: string[];
}

export interface Serving {
  gateway: string;
  admin: string;
  functions: FunctionInfo[];
  /** Stops accepting, lets in-flight requests finish, then closes every instance. */
  close(): Promise<void>;
}

const DEFAULT_QUEUE_TIMEOUT_MS = 5000;
/** Per core: an instance waiting on a host call (Redis, another function) leaves its core to others. */
export const DEFAULT_MAX_INSTANCES = 2 * availableParallelism();
/**
 * How long a stop waits for requests in flight before their instances are stopped: every stop
 * takes effect within a second, whatever a module does.
 */
const DRAIN_GRACE_MS = 300;

export async function startServe(options: ServeOptions): Promise<Serving> {
  const format = options.json ? 'json' : 'text';
  const event = eventLogger(format);
  const allowedHttp = (options.allowHttp ?? []).map(parseAllowedHost);
  // Opened once the gateway listens (the embedded sidecar's invoke endpoint) and before any
  // function starts, so a bad --sidecar-config fails the start, not the first request.
  let connection: Promise<RuntimeConnection> | undefined;
  const runtime = layottoHostCalls(() => connection as Promise<RuntimeConnection>, event);
  // The registry is made below; the metrics read its list only at a scrape.
  const metrics = new ServeMetrics(() => registry.list());
  const registry: FunctionRegistry = new FunctionRegistry(
    (source) =>
      loadFunction(source, {
        root: options.root,
        ...(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes }),
        ...(options.platform === undefined ? {} : { platform: options.platform }),
        ...(options.plainHttp === undefined ? {} : { plainHttp: options.plainHttp }),
      }),
    {
      host: {
        hostCalls: metrics.counting(withOutgoingHttp(runtime.hostCalls, allowedHttp)),
        timeoutMs: options.timeoutMs,
        jsonLogs: options.json,
      },
      queueTimeoutMs: options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS,
      maxInstances: options.maxInstances ?? DEFAULT_MAX_INSTANCES,
      observer: { started: (id) => metrics.instanceStarted(id), lost: (id) => metrics.instanceLost(id) },
    },
    event,
  );
  const connections = options.connections ?? DEFAULT_CONNECTION_LIMITS;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const access = accessLogger(format);
  const gateway = createGateway(
    registry,
    (record) => {
      access(record);
      metrics.request(record);
    },
    connections,
    ready,
    options.routes,
  );
  const admin = createAdmin(registry, connections, metrics);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const drained = Promise.all([closeServer(gateway), closeServer(admin)]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_GRACE_MS).unref())]);
      await registry.close(new WasmctlError('Unavailable', 'wasmctl serve is closing'));
      await drained;
      await (await connection?.catch(() => undefined))?.close();
    })());

  try {
    const gatewayAddress = await listen(gateway, options.listen);
    connection = connectRuntime({ ...options, invokeEndpoint: `http://${gatewayAddress}` }).then((api) => invokingLocally(api, registry));
    await connection;
    // Installed before the admin port opens: an admin install of a startup id cannot race them.
    // Side by side: each first instance's process boots while the others load. All settle before a
    // failure is thrown, so that the close below finds every function that did install.
    const installs = await Promise.allSettled(options.functions.map((fn) => registry.install({ ...fn, instances: options.instances })));
    const failed = installs.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const adminAddress = await listen(admin, options.admin);
    markReady();
    return { gateway: gatewayAddress, admin: adminAddress, functions: registry.list(), close };
  } catch (err) {
    // Requests that came in meanwhile get the closing server's answer instead of waiting for ever.
    markReady();
    await close();
    throw err;
  }
}
