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
  /** The whole linear memory as bytes, valid until it grows: one view per buffer, not one per access. */
  memoryBytes(): Uint8Array;
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
  // Looked up once: a module making many host calls pays for these getters on every one otherwise.
  let memory: WebAssembly.Memory | undefined;
  let bytes = new Uint8Array(0);
  const allocators = new Map<string, (size: number) => unknown>();
  const memoryBytes = (): Uint8Array => {
    if (!memory) {
      ref.memory();
      memory = ref.exports().memory as WebAssembly.Memory;
    }
    const { buffer } = memory;
    if (bytes.buffer !== buffer) bytes = new Uint8Array(buffer);
    return bytes;
  };
  return {
    memory: () => ref.memory(),
    memoryBytes,
    exports: () => ref.exports(),
    callHost,
    allocate(data, allocator = 'malloc') {
      let alloc = allocators.get(allocator);
      if (!alloc) {
        const found = ref.exports()[allocator];
        if (typeof found !== 'function') throw new Error(`the module exports no ${allocator} for host replies`);
        allocators.set(allocator, (alloc = found as (size: number) => unknown));
      }
      const ptr = Number(alloc(data.length));
      if (ptr === 0) throw new RangeError(`${allocator}(${data.length}) returned NULL`);
      memoryBytes().set(data, ptr);
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
