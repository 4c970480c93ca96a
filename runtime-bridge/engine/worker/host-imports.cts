/**
 * The plug point for host functions (`env.*` imports that call the main thread). An
 * implementation is a factory given a context: the instance's memory (bounds-checked), its
 * exports (to allocate guest memory for replies) and `callHost`. ABI-specific functions (Layotto's
 * `proxy_*`) live elsewhere and arrive through `hostImports` of a worker module; a name listed
 * without an implementation gets the generic bytes-in/bytes-out one below.
 */
import type { GuestMemory, InstanceRef } from '../wasi/memory.cjs';
import type { CallHost } from './host-channel.cjs';

export interface HostImportContext {
  memory(): GuestMemory;
  /** The instance's exports; only once instantiated, i.e. inside a call. */
  exports(): WebAssembly.Exports;
  callHost: CallHost;
  /** Copies `data` into guest memory obtained from the module's exported allocator. */
  allocate(data: Uint8Array, allocator?: string): number;
}

export type HostFunction = (...args: never[]) => number | bigint | void;
export type HostImportFactory = (ctx: HostImportContext) => HostFunction;

/** What a worker module named by `hostCalls.workerModule` exports. */
export interface HostImportModule {
  hostImports: Record<string, HostImportFactory>;
}

/**
 * `env.NAME(ptr, len, out_ptr_ptr, out_len_ptr) -> status`: sends the bytes at (ptr, len) as
 * NAME's payload; the reply is copied into memory from the module's `malloc`, its pointer and
 * length stored at the two out-pointers.
 */
export const bytesImport =
  (method: string): HostImportFactory =>
  (ctx) =>
  (ptr: number, len: number, outPtrPtr: number, outLenPtr: number) => {
    const reply = ctx.callHost(method, ctx.memory().bytes(ptr, len).slice());
    const at = reply.data.length > 0 ? ctx.allocate(reply.data) : 0;
    ctx.memory().u32(outPtrPtr, at);
    ctx.memory().u32(outLenPtr, reply.data.length);
    return reply.status;
  };

export function createHostContext(ref: InstanceRef, callHost: CallHost): HostImportContext {
  return {
    memory: () => ref.memory(),
    exports: () => ref.exports(),
    callHost,
    allocate(data, allocator = 'malloc') {
      const alloc = ref.exports()[allocator];
      if (typeof alloc !== 'function') throw new Error(`the module exports no ${allocator} for host replies`);
      const ptr = Number(alloc(data.length));
      if (ptr === 0) throw new RangeError(`${allocator}(${data.length}) returned NULL`);
      ref.memory().write(ptr, data);
      return ptr;
    },
  };
}

export function buildHostImports(
  names: string[],
  factories: Record<string, HostImportFactory>,
  ctx: HostImportContext,
): Record<string, HostFunction> {
  return Object.fromEntries(names.map((name) => [name, (factories[name] ?? bytesImport(name))(ctx)]));
}
