/**
 * wasi:config/store (0.2.0-draft) over the run's runtime API: the Layotto configuration store
 * `config_demo`, items of the app id "" (a component names no app). get-all is Layotto's
 * GetConfiguration with no keys: every item of the app, as (key, content) pairs.
 */
import type { CallHost } from '../../worker/host-channel.cjs';
import { Parts } from '../../../abi/payload.cjs';
import { runtimeCall } from './runtime-call.cjs';

export const CONFIG_STORE = 'config_demo';
const APP_ID = '';

export function config(callHost: CallHost) {
  const call = runtimeCall(callHost, (why) => ({ tag: 'upstream', val: why }));
  return {
    'wasi:config/store': {
      get: (key: string): string | undefined => {
        const content = call('GetConfiguration', [CONFIG_STORE, APP_ID, key]);
        return content === null ? undefined : new TextDecoder().decode(content);
      },
      getAll: (): Array<[string, string]> => {
        const parts = new Parts(call('GetAllConfiguration', [CONFIG_STORE, APP_ID]) ?? new Uint8Array());
        return Array.from({ length: parts.length / 2 }, (_, i) => [parts.text(2 * i), parts.text(2 * i + 1)]);
      },
    },
  };
}
