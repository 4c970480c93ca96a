/**
 * A proxy-wasm function's instance as serve's pools see it: the engine's instance process
 * (runtime-bridge's spawnInstance), which a timeout, an uninstall or a stop SIGKILLs whatever the
 * module does.
 */
import { spawnInstance, type FunctionDef } from '../runtime-bridge/index.js';
import type { FunctionInstance, InstanceHost } from './types.js';

export function proxyWasmInstance(def: FunctionDef, host: InstanceHost): FunctionInstance {
  const { hostCalls, jsonLogs, timeoutMs } = host;
  const instance = spawnInstance(def, {
    config: { jsonLogs, imports: hostCalls.imports, workerModule: hostCalls.workerModule ?? null },
    handle: (method, payload) => hostCalls.handle(method, payload),
    timeoutMs,
  });
  return {
    start: () => instance.start(),
    async request({ headers, body }) {
      const response = await instance.request(headers, body);
      return { ...response, body: Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength) };
    },
    kill: (reason) => instance.kill(reason),
    get alive() {
      return instance.alive;
    },
    ended: instance.ended,
  };
}
