/**
 * wasi:keyvalue/store (0.2.0-draft and draft2) over the run's runtime API: a bucket is the Layotto
 * state store of that name (in-memory, Redis or an external sidecar — whatever the host calls
 * reach), get/set/delete/exists are GetState/SaveState/DeleteState. Layotto's state API cannot
 * list keys nor increment atomically: list-keys answers an error, and atomics and batch are not
 * provided, so a component importing them is refused at start rather than given a non-atomic copy.
 */
import { encodeParts } from '../../../abi/payload.cjs';
import { AbiStatus } from '../../../abi/status.cjs';
import type { CallHost } from '../../worker/host-channel.cjs';

const other = (why: string) => ({ tag: 'other', val: why });

export function keyvalue(callHost: CallHost) {
  /** One state call; NotFound is returned, any other failure thrown as the interface's error. */
  function state(method: string, parts: Array<string | Uint8Array>): Uint8Array | null {
    const reply = callHost(method, encodeParts(parts));
    if (reply.status === AbiStatus.Ok) return reply.data;
    if (reply.status === AbiStatus.NotFound) return null;
    throw other(`${method} failed (status ${reply.status})`);
  }

  class Bucket {
    constructor(readonly store: string) {}

    get(key: string): Uint8Array | undefined {
      return state('GetState', [this.store, key]) ?? undefined;
    }

    set(key: string, value: Uint8Array): void {
      state('SaveState', [this.store, key, value]);
    }

    delete(key: string): void {
      state('DeleteState', [this.store, key]);
    }

    exists(key: string): boolean {
      return this.get(key) !== undefined;
    }

    listKeys(): never {
      throw other('list-keys: the Layotto state API cannot list keys');
    }
  }

  return { 'wasi:keyvalue/store': { Bucket, open: (identifier: string): Bucket => new Bucket(identifier) } };
}
