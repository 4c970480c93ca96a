/**
 * wasmctl as a library (`import { run, openStore, serve } from 'wasmctl'`): what the CLI does,
 * for Node programs and test runners. Every `wasmctl` command is a thin layer over these. The
 * sidecar and the gateway load grpc-js and the FaaS code only when started.
 */
import type { Serving, ServeOptions as GatewayOptions } from '../serve/index.js';
import { type ImageStore, type StoreOptions, openStore as openImageStore } from '../image/index.js';
import type { Sidecar, SidecarOptions } from '../runtime-bridge/sidecar/index.js';
import { defaultStoreRoot } from './store-root.js';
import { parseDuration, parseMemory } from './units.js';

export { run, startRun, type RunHandle, type RunOptions, type RunResult } from './run.js';
export type { StdioOption } from './stdio.js';
export { defaultStoreRoot } from './store-root.js';
export { parseDuration, parseMemory } from './units.js';
export { WasmctlError, type ErrorKind } from '../common/index.js';
export type {
  FetchOptions,
  ImageStore,
  LoadSource,
  Pruned,
  PullPolicy,
  Removed,
  ResolveOptions,
  StoredImage,
  StoreOptions,
} from '../image/index.js';
export type { Mount, EngineName } from '../runtime-bridge/types.js';
export type { Serving, Sidecar, SidecarOptions };

/** The image store at `root` (default: $WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl): pull, load, resolve, list, remove, prune. */
export function openStore(root: string = defaultStoreRoot(), options: StoreOptions = {}): ImageStore {
  return openImageStore(root, options);
}

/**
 * A Layotto-compatible gRPC sidecar (spec.proto.runtime.v1); `listen` port 0 picks a free one.
 * Components from `config`, else Layotto's config.json at `configFile`, else the in-memory demo ones.
 */
export async function startSidecar(options: SidecarOptions & { configFile?: string }): Promise<Sidecar> {
  const { configFile, ...rest } = options;
  const sidecar = await import('../runtime-bridge/sidecar/index.js');
  const config = configFile === undefined ? {} : { config: await sidecar.loadSidecarConfig(configFile) };
  return sidecar.startSidecar({ ...rest, ...config });
}

export interface ServeOptions extends Partial<Omit<GatewayOptions, 'timeoutMs' | 'memoryBytes' | 'functions'>> {
  /** Image references, transports or .wasm files, each routed by `id` (else by the id the module gives itself). */
  functions: Array<string | { source: string; id?: string }>;
  /** Longest a request may run: milliseconds or `30s` (default 30s). */
  timeout?: number | string;
  /** Cap on each instance's linear memory: bytes or `64m`. */
  memory?: number | string;
}

/** The FaaS gateway of `wasmctl serve`: Layotto's functions behind HTTP, routed by header `id`. */
export async function serve(options: ServeOptions): Promise<Serving> {
  const { functions, timeout = '30s', memory, ...rest } = options;
  const { startServe } = await import('../serve/index.js');
  return startServe({
    listen: '127.0.0.1:2045',
    admin: '127.0.0.1:34998',
    instances: 1,
    json: false,
    root: defaultStoreRoot(),
    ...rest,
    functions: functions.map((f) => (typeof f === 'string' ? { source: f } : f)),
    timeoutMs: parseDuration(timeout, 'timeout'),
    ...(memory === undefined ? {} : { memoryBytes: parseMemory(memory, 'memory') }),
  });
}
