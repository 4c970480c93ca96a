/**
 * A wasi:http/proxy component's instance as serve's pools see it: runtime-bridge's
 * HttpComponentInstance (the exported incoming-handler called per request, in a Worker of its own).
 */
import { HttpComponentInstance, type ComponentPayload } from '../runtime-bridge/index.js';
import type { FunctionInstance, InstanceHost } from './types.js';

export interface ComponentDef {
  component: ComponentPayload;
  label: string;
  rootfs: string | null;
  args: string[];
  env: string[];
}

export function httpComponentInstance(def: ComponentDef, host: InstanceHost): FunctionInstance {
  const { component, ...options } = def;
  let instance: HttpComponentInstance | undefined;
  let killedFor: Error | undefined;
  let endWith: (why: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => (endWith = resolve));
  return {
    async start() {
      instance = await HttpComponentInstance.start(component, { ...options, timeoutMs: host.timeoutMs, hostCalls: host.hostCalls });
      void instance.ended.then(endWith);
      if (killedFor) instance.kill(killedFor.message);
      // A component names no id of its own: serve routes to it by the id it was installed under.
      return null;
    },
    async request({ method, path, headers, body }) {
      if (!instance) throw new Error(`${def.label}: the instance has not started`);
      const response = await instance.handle({ method, path, headers, body });
      return { ...response, body: Buffer.from(response.body) };
    },
    kill(reason) {
      killedFor = reason;
      if (instance) instance.kill(reason.message);
      else endWith(reason.message);
    },
    get alive() {
      return instance !== undefined && instance.alive && killedFor === undefined;
    },
    ended,
  };
}
