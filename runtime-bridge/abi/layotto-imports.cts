/**
 * Worker side of Layotto's runtime host functions and ours in the same convention (module `env`,
 * strings as ptr/len, results copied into memory from the guest's `malloc`). Table-driven: one
 * marshaller serves every function. Loaded into the engine's worker as a host-import module.
 */
import { HostCallError } from '../engine/worker/host-channel.cjs';
import type { HostImportContext, HostImportFactory } from '../engine/worker/host-imports.cjs';
import { encodeGuestParts } from './payload.cjs';
import { AbiStatus } from './status.cjs';

interface AbiFunction {
  /** The runtime API method the call turns into (the main thread's handler). */
  method: string;
  /** (ptr, len) string arguments, in order. */
  strings: number;
  /** Plain i32 arguments after the strings (a lock's expiry in seconds). */
  ints: number;
  /** Ends with (return_value_ptr_ptr, return_value_size_ptr). */
  returns: boolean;
}

export const LAYOTTO_ABI: Record<string, AbiFunction> = {
  proxy_get_state: { method: 'GetState', strings: 2, ints: 0, returns: true },
  proxy_invoke_service: { method: 'InvokeService', strings: 3, ints: 0, returns: true },
  proxy_save_state: { method: 'SaveState', strings: 3, ints: 0, returns: false },
  proxy_delete_state: { method: 'DeleteState', strings: 2, ints: 0, returns: false },
  proxy_publish_event: { method: 'PublishEvent', strings: 3, ints: 0, returns: false },
  proxy_get_next_id: { method: 'GetNextId', strings: 2, ints: 0, returns: true },
  proxy_try_lock: { method: 'TryLock', strings: 3, ints: 1, returns: false },
  proxy_unlock: { method: 'Unlock', strings: 3, ints: 0, returns: false },
  proxy_get_configuration: { method: 'GetConfiguration', strings: 3, ints: 0, returns: true },
};

function marshal(fn: AbiFunction): HostImportFactory {
  return (ctx: HostImportContext) =>
    (...args: number[]): number => {
      try {
        const ints: string[] = [];
        for (let i = 0; i < fn.ints; i++) ints.push(String((args[2 * fn.strings + i] ?? 0) | 0));
        const reply = ctx.callHost(fn.method, encodeGuestParts(ctx.memoryBytes(), args, fn.strings, ints));
        if (reply.status === AbiStatus.Ok && fn.returns) {
          const at = 2 * fn.strings + fn.ints;
          const ptr = reply.data.length > 0 ? ctx.allocate(reply.data) : 0;
          ctx.memory().u32(args[at] ?? 0, ptr);
          ctx.memory().u32(args[at + 1] ?? 0, reply.data.length);
        }
        return reply.status;
      } catch (err) {
        // A broken channel ends the run; a bad guest pointer or a failed guest malloc is the
        // guest's problem: it gets a status and the host lives on.
        if (err instanceof HostCallError) throw err;
        return AbiStatus.InvalidMemoryAccess;
      }
    };
}

export const hostImports: Record<string, HostImportFactory> = Object.fromEntries(
  Object.entries(LAYOTTO_ABI).map(([name, fn]) => [name, marshal(fn)]),
);
