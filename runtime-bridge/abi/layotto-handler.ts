import { describeError, isWasmctlError } from '../../common/index.js';
import { mapMaybe, type HostApi, type Maybe } from '../client/api.js';
import { Parts, encodeParts } from './payload.cjs';
import { AbiStatus } from './status.cjs';

/** What the worker's `callHost` gets back. */
export interface HostCallResult {
  status: number;
  data: Uint8Array;
}

const EMPTY = new Uint8Array();
const encoder = new TextEncoder();
const ok = (data: Uint8Array = EMPTY): HostCallResult => ({ status: AbiStatus.Ok, data });

const NOT_FOUND: HostCallResult = { status: AbiStatus.NotFound, data: EMPTY };

/** A method answers at once when the API does (the in-memory components), else with a promise. */
type Method = (parts: Parts, api: HostApi) => Maybe<HostCallResult>;

const text = (parts: Parts, i: number) => parts.text(i);

const METHODS: Record<string, Method> = {
  GetState: (p, api) => mapMaybe(api.getState(text(p, 0), text(p, 1)), (found) => (found ? ok(found.value) : NOT_FOUND)),
  InvokeService: async (p, api) => ok((await api.invoke(text(p, 0), text(p, 1), p.bytes(2) ?? EMPTY)).data),
  SaveState: (p, api) => mapMaybe(api.saveState(text(p, 0), text(p, 1), p.bytes(2) ?? EMPTY), () => ok()),
  DeleteState: (p, api) => mapMaybe(api.deleteState(text(p, 0), text(p, 1)), () => ok()),
  PublishEvent: async (p, api) => (await api.publish(text(p, 0), text(p, 1), p.bytes(2) ?? EMPTY), ok()),
  GetNextId: (p, api) => mapMaybe(api.nextId(text(p, 0), text(p, 1)), (id) => ok(encoder.encode(id.toString()))),
  TryLock: (p, api) =>
    mapMaybe(api.tryLock(text(p, 0), text(p, 1), text(p, 2), Number(text(p, 3))), (locked) =>
      locked ? ok() : { status: AbiStatus.CasMismatch, data: EMPTY },
    ),
  Unlock: (p, api) =>
    mapMaybe(api.unlock(text(p, 0), text(p, 1), text(p, 2)), (status) => ({
      status: { success: AbiStatus.Ok, 'lock-unexist': AbiStatus.NotFound, 'lock-belong-to-others': AbiStatus.CasMismatch }[status],
      data: EMPTY,
    })),
  GetConfiguration: (p, api) =>
    mapMaybe(api.getConfiguration(text(p, 0), { appId: text(p, 1) }, [text(p, 2)]), ([item]) =>
      item ? ok(encoder.encode(item.content)) : NOT_FOUND,
    ),
  // No ABI function calls it: wasi:config's get-all, Layotto's GetConfiguration with no keys (all of the app's items).
  GetAllConfiguration: (p, api) =>
    mapMaybe(api.getConfiguration(text(p, 0), { appId: text(p, 1) }, []), (items) =>
      ok(encodeParts(items.flatMap(({ key, content }) => [key, content]))),
    ),
};

/** An etag or first-write conflict on a state write is CasMismatch; other failures are not. */
const STATE_WRITES = new Set(['SaveState', 'DeleteState']);

function statusOf(method: string, err: unknown): AbiStatus {
  if (!isWasmctlError(err)) return AbiStatus.InternalFailure;
  if (err.kind === 'InvalidArgument') return AbiStatus.BadArgument;
  if (err.kind === 'Aborted' && STATE_WRITES.has(method)) return AbiStatus.CasMismatch;
  return AbiStatus.InternalFailure;
}

export type HostCallHandler = (method: string, payload: Uint8Array) => Maybe<HostCallResult>;

/**
 * The main-thread side of the runtime host functions: one RuntimeApi (the embedded sidecar's
 * components, or the gRPC client of an external sidecar), errors turned into ABI statuses and a
 * log line so a sidecar that is down is visible to the user, not only to the module.
 */
export function layottoHandler(api: HostApi, log: (line: string) => void): HostCallHandler {
  return (method, payload) => {
    const run = METHODS[method];
    if (!run) return { status: AbiStatus.Unimplemented, data: EMPTY };
    const failed = (err: unknown): HostCallResult => {
      log(`host call ${method} failed: ${describeError(err)}`);
      return { status: statusOf(method, err), data: EMPTY };
    };
    try {
      const result = run(new Parts(payload), api);
      return result instanceof Promise ? result.catch(failed) : result;
    } catch (err) {
      return failed(err);
    }
  };
}
