/**
 * A wasi:http/proxy component's instance as serve's pools see it: the engine's instance process
 * started with a ComponentDef (the exported incoming-handler called per request), which a
 * timeout, an uninstall or a stop SIGKILLs whatever the component does, as a proxy-wasm one.
 */
import { WasmctlError } from '../common/index.js';
import { spawnInstance, type ComponentDef } from '../runtime-bridge/index.js';
import type { FunctionInstance, InstanceHost } from './types.js';

export function httpComponentInstance(def: ComponentDef, host: InstanceHost): FunctionInstance {
  const { hostCalls, jsonLogs, timeoutMs } = host;
  const instance = spawnInstance(def, {
    // Layotto's env.* host functions are a proxy-wasm module's; a component reaches the runtime API through WASI interfaces.
    config: { jsonLogs, imports: [], workerModule: null },
    handle: (method, payload) => hostCalls.handle(method, payload),
    timeoutMs,
    // An HTTP-native function that does not answer in time is a gateway timeout.
    timeoutError: (message) => new WasmctlError('DeadlineExceeded', message),
  });
  return {
    // A component names no id of its own: serve routes to it by the id it was installed under.
    start: () => instance.start(),
    async request({ method, path, headers, body }) {
      const response = await instance.handleHttp({ method, path, headers, body });
      return { ...response, body: Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength) };
    },
    kill: (reason) => instance.kill(reason),
    get alive() {
      return instance.alive;
    },
    ended: instance.ended,
  };
}
