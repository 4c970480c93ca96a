/**
 * InvokeService to a function installed in this gateway is dispatched in-process (no HTTP hop, as
 * fast as a Map lookup); any other id takes the runtime's path (the embedded components forward
 * over HTTP to the gateway, as Layotto delivers it; an external sidecar does its own routing).
 */
import { WasmctlError } from '../common/index.js';
import type { RuntimeConnection } from '../runtime-bridge/index.js';
import type { InvokeOptions, InvokeResult } from '../runtime-bridge/client/index.js';
import type { FunctionRegistry } from './registry.js';

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
  // The host functions call through `atOnce` when the runtime has it: its invoke is short-circuited too.
  const atOnce = api.atOnce && { ...api.atOnce, invoke };
  return new Proxy(api, {
    get(target, name) {
      if (name === 'invoke') return invoke;
      if (name === 'atOnce') return atOnce;
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
