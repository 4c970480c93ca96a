/**
 * wasi:config/store (0.2.0-draft) over the run's runtime API: the Layotto configuration store
 * `config_demo`, items of the app id "" (a component names no app). Layotto's host call reads one
 * key at a time, so get-all answers an error rather than a partial list.
 */
import type { CallHost } from '../../worker/host-channel.cjs';
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
      getAll: (): never => {
        throw { tag: 'upstream', val: 'get-all: the Layotto host call reads configuration one key at a time' };
      },
    },
  };
}
