/**
 * The runtime API behind the functions' host calls: the embedded sidecar's components (config in
 * Layotto's shape) or an external sidecar's gRPC client. InvokeService to a function installed in
 * this gateway is dispatched in-process (no HTTP hop, as fast as a Map lookup); any other id
 * takes the sidecar's path: over HTTP to the gateway, as Layotto delivers it.
 */
import { WasmctlError } from '../common/index.js';
import type { RuntimeConnection } from '../runtime-bridge/index.js';
import type { InvokeOptions, InvokeResult } from '../runtime-bridge/client/index.js';
import type { FunctionRegistry } from './registry.js';

export interface RuntimeChoice {
  /** host:port of an external Layotto-compatible sidecar. */
  sidecar?: string;
  /** Layotto's config.json (or a bare grpc_config) for the embedded components. */
  sidecarConfig?: string;
}

export async function connectRuntime(choice: RuntimeChoice, gatewayUrl: string): Promise<RuntimeConnection> {
  if (choice.sidecar !== undefined) {
    const { RuntimeClient } = await import('../runtime-bridge/client/index.js');
    return new RuntimeClient(choice.sidecar);
  }
  const sidecar = await import('../runtime-bridge/sidecar/index.js');
  const config = choice.sidecarConfig === undefined ? sidecar.DEMO_CONFIG : await sidecar.loadSidecarConfig(choice.sidecarConfig);
  return new sidecar.Components(config, { invokeEndpoint: gatewayUrl });
}

/** `api` with InvokeService short-circuited to the registry for the ids installed here. */
export function invokingLocally(api: RuntimeConnection, registry: FunctionRegistry): RuntimeConnection {
  const invoke = async (id: string, method: string, data: Uint8Array, options: InvokeOptions = {}): Promise<InvokeResult> => {
    if (!registry.has(id)) return api.invoke(id, method, data, options);
    const response = await registry.invoke(id, {
      method: !options.verb || options.verb === 'NONE' ? 'POST' : options.verb,
      path: `/${method.replace(/^\/+/, '')}${options.querystring ? `?${options.querystring}` : ''}`,
      headers: [['id', id], ...(options.contentType ? [['content-type', options.contentType] as [string, string]] : [])],
      body: Buffer.from(data),
    });
    if (response.status >= 400) {
      const text = response.body.toString('utf8', 0, 200).trim();
      throw new WasmctlError('Internal', `invoke ${id}/${method}: HTTP ${response.status}${text ? `: ${text}` : ''}`);
    }
    const contentType = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    return { data: response.body, contentType };
  };
  return new Proxy(api, {
    get(target, name) {
      if (name === 'invoke') return invoke;
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
