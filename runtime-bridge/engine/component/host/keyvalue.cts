/**
 * wasi:keyvalue (store, atomics, batch; 0.2.0-draft and draft2) over the run's runtime API: a
 * bucket is the Layotto state store of that name (in-memory, Redis or an external sidecar —
 * whatever the host calls reach), get/set/delete/exists are GetState/SaveState/DeleteState.
 * `increment` is the Layotto sequencer of the bucket's name (Redis INCR on `sequencer|||<key>`),
 * the one atomic counter the runtime API has: its counters are not the bucket's values, and it
 * counts in steps of one. Batches are one call per key (the spec promises no atomicity). Layotto's
 * state API cannot list keys nor compare-and-swap: those answer an error.
 * jco keys imports without their version, so the two drafts share one object and differ only
 * where their types do (draft2's get-many pairs, its string cursor and s64 counts need no change).
 */
import type { CallHost } from '../../worker/host-channel.cjs';
import { runtimeCall } from './runtime-call.cjs';

const other = (why: string) => ({ tag: 'other', val: why });
/** Steps of one through the sequencer; a larger delta would be that many round trips. */
const MAX_DELTA = 1024n;

export function keyvalue(callHost: CallHost, imports: string[]) {
  const call = runtimeCall(callHost, other);
  const draft2 = imports.some((name) => name.startsWith('wasi:keyvalue/') && name.endsWith('@0.2.0-draft2'));

  class Bucket {
    constructor(readonly store: string) {}

    get(key: string): Uint8Array | undefined {
      return call('GetState', [this.store, key]) ?? undefined;
    }

    set(key: string, value: Uint8Array): void {
      call('SaveState', [this.store, key, value]);
    }

    delete(key: string): void {
      call('DeleteState', [this.store, key]);
    }

    exists(key: string): boolean {
      return this.get(key) !== undefined;
    }

    listKeys(): never {
      throw other('list-keys: the Layotto state API cannot list keys');
    }
  }

  function increment(bucket: Bucket, key: string, delta: bigint): bigint {
    if (delta < 1n || delta > MAX_DELTA)
      throw other(`increment: the Layotto sequencer counts up by 1 to ${MAX_DELTA} at a time, not ${delta}`);
    let value = 0n;
    for (let step = 0n; step < delta; step++)
      value = BigInt(new TextDecoder().decode(call('GetNextId', [bucket.store, key]) ?? new Uint8Array()));
    return value;
  }

  const NO_CAS = 'compare-and-swap: the Layotto state API has no atomic compare-and-swap';
  const batch = {
    getMany: (bucket: Bucket, keys: string[]) =>
      keys.map((key) => {
        const value = bucket.get(key);
        if (draft2) return [key, value];
        return value === undefined ? undefined : [key, value];
      }),
    setMany: (bucket: Bucket, pairs: Array<[string, Uint8Array]>) => pairs.forEach(([key, value]) => bucket.set(key, value)),
    deleteMany: (bucket: Bucket, keys: string[]) => keys.forEach((key) => bucket.delete(key)),
  };

  return {
    'wasi:keyvalue/store': { Bucket, open: (identifier: string): Bucket => new Bucket(identifier) },
    'wasi:keyvalue/atomics': {
      increment,
      Cas: class {
        static new(): never {
          throw other(NO_CAS);
        }
      },
      swap: (): never => {
        throw { tag: 'store-error', val: other(NO_CAS) };
      },
    },
    'wasi:keyvalue/batch': batch,
  };
}
