import { describeError, isWasmctlError } from '../../common/index.js';
import type { RuntimeApi } from '../client/api.js';
import { decodeParts, partText } from './payload.cjs';
import { AbiStatus } from './status.cjs';

/** What the worker's `callHost` gets back. */
export interface HostCallResult {
  status: number;
  data: Uint8Array;
}

const EMPTY = new Uint8Array();
const encoder = new TextEncoder();
const ok = (data: Uint8Array = EMPTY): HostCallResult => ({ status: AbiStatus.Ok, data });

type Method = (parts: Uint8Array[], api: RuntimeApi) => Promise<HostCallResult>;

const text = (parts: Uint8Array[], i: number) => partText(parts[i]);

const METHODS: Record<string, Method> = {
  GetState: async (p, api) => {
    const found = await api.getState(text(p, 0), text(p, 1));
    return found ? ok(found.value) : { status: AbiStatus.NotFound, data: EMPTY };
  },
  InvokeService: async (p, api) => ok((await api.invoke(text(p, 0), text(p, 1), p[2] ?? EMPTY)).data),
  SaveState: async (p, api) => (await api.saveState(text(p, 0), text(p, 1), p[2] ?? EMPTY), ok()),
  DeleteState: async (p, api) => (await api.deleteState(text(p, 0), text(p, 1)), ok()),
  PublishEvent: async (p, api) => (await api.publish(text(p, 0), text(p, 1), p[2] ?? EMPTY), ok()),
  GetNextId: async (p, api) => ok(encoder.encode((await api.nextId(text(p, 0), text(p, 1))).toString())),
  TryLock: async (p, api) =>
    (await api.tryLock(text(p, 0), text(p, 1), text(p, 2), Number(text(p, 3)))) ? ok() : { status: AbiStatus.CasMismatch, data: EMPTY },
  Unlock: async (p, api) => {
    const status = await api.unlock(text(p, 0), text(p, 1), text(p, 2));
    const code = { success: AbiStatus.Ok, 'lock-unexist': AbiStatus.NotFound, 'lock-belong-to-others': AbiStatus.CasMismatch }[status];
    return { status: code, data: EMPTY };
  },
  GetConfiguration: async (p, api) => {
    const [item] = await api.getConfiguration(text(p, 0), { appId: text(p, 1) }, [text(p, 2)]);
    return item ? ok(encoder.encode(item.content)) : { status: AbiStatus.NotFound, data: EMPTY };
  },
};

/** An etag or first-write conflict on a state write is CasMismatch; other failures are not. */
const STATE_WRITES = new Set(['SaveState', 'DeleteState']);

function statusOf(method: string, err: unknown): AbiStatus {
  if (!isWasmctlError(err)) return AbiStatus.InternalFailure;
  if (err.kind === 'InvalidArgument') return AbiStatus.BadArgument;
  if (err.kind === 'Aborted' && STATE_WRITES.has(method)) return AbiStatus.CasMismatch;
  return AbiStatus.InternalFailure;
}

export type HostCallHandler = (method: string, payload: Uint8Array) => Promise<HostCallResult>;

/**
 * The main-thread side of the runtime host functions: one RuntimeApi (the embedded sidecar's
 * components, or the gRPC client of an external sidecar), errors turned into ABI statuses and a
 * log line so a sidecar that is down is visible to the user, not only to the module.
 */
export function layottoHandler(api: RuntimeApi, log: (line: string) => void): HostCallHandler {
  return async (method, payload) => {
    const run = METHODS[method];
    if (!run) return { status: AbiStatus.Unimplemented, data: EMPTY };
    try {
      return await run(decodeParts(payload), api);
    } catch (err) {
      log(`host call ${method} failed: ${describeError(err)}`);
      return { status: statusOf(method, err), data: EMPTY };
    }
  };
}
