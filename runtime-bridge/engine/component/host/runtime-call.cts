/**
 * One runtime API call from a WASI interface (keyvalue, config, messaging) through the run's host
 * calls: the reply's data, null for NotFound, and any other status thrown as that interface's
 * error value (jco turns a thrown value into the function's `err` case).
 */
import { encodeParts } from '../../../abi/payload.cjs';
import { AbiStatus } from '../../../abi/status.cjs';
import type { CallHost } from '../../worker/host-channel.cjs';

export type RuntimeCall = (method: string, parts: Array<string | Uint8Array>) => Uint8Array | null;

export function runtimeCall(callHost: CallHost, error: (why: string) => unknown): RuntimeCall {
  return (method, parts) => {
    const reply = callHost(method, encodeParts(parts));
    if (reply.status === AbiStatus.Ok) return reply.data;
    if (reply.status === AbiStatus.NotFound) return null;
    throw error(`${method} failed (status ${reply.status})`);
  };
}
