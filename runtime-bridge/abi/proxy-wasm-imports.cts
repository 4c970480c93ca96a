/**
 * The proxy-wasm 0.2.x host calls an HTTP filter needs (what TinyGo's proxy-wasm-go-sdk, Rust's
 * proxy-wasm crate and the AssemblyScript SDK import), over one ProxyState per instance. Results
 * go back through the guest's allocator, like Layotto's runtime calls.
 */
import type { HostImportContext } from '../engine/worker/host-imports.cjs';
import { decodePairs, encodePairs } from './proxy-pairs.cjs';
import type { ProxyState } from './proxy-state.cjs';
import { AbiStatus } from './status.cjs';

type Fn = (...args: number[]) => number;

/**
 * Every proxy-wasm 0.2.x host function this host provides, as proxy-wasm-cpp-host's
 * FOR_ALL_HOST_FUNCTIONS lists its own: `calls` below must define each (the type says so), and a
 * module importing any other `env` function fails its install, named.
 */
export const PROXY_HOST_FUNCTIONS = [
  // Logging and context.
  'proxy_log',
  'proxy_get_log_level',
  'proxy_set_effective_context',
  // Buffers: request/response bodies, VM and plugin configuration, call data.
  'proxy_get_buffer_bytes',
  'proxy_get_buffer_status',
  'proxy_set_buffer_bytes',
  // Header maps.
  'proxy_get_header_map_value',
  'proxy_get_header_map_pairs',
  'proxy_get_header_map_size',
  'proxy_set_header_map_pairs',
  'proxy_add_header_map_value',
  'proxy_replace_header_map_value',
  'proxy_remove_header_map_value',
  // Properties (none are exposed) and the local response.
  'proxy_get_property',
  'proxy_set_property',
  'proxy_send_local_response',
  // Time and timers (no tick is ever delivered).
  'proxy_get_current_time_nanoseconds',
  'proxy_set_tick_period_milliseconds',
  // Stream control: each request runs to its end in one call, so these are no-ops.
  'proxy_continue_stream',
  'proxy_close_stream',
  'proxy_continue_request',
  'proxy_continue_response',
  'proxy_clear_route_cache',
  'proxy_done',
  // Not provided: shared data, outgoing HTTP calls, foreign functions answer their statuses.
  'proxy_get_shared_data',
  'proxy_set_shared_data',
  'proxy_http_call',
  'proxy_call_foreign_function',
] as const;

export type ProxyHostFunction = (typeof PROXY_HOST_FUNCTIONS)[number];
const PROVIDED: ReadonlySet<string> = new Set(PROXY_HOST_FUNCTIONS);
export const providesProxyWasm = (name: string): boolean => PROVIDED.has(name);
const encoder = new TextEncoder();
// proxy-wasm SDKs append with start=0x7fffffff and replace with size=0x7fffffff: both clamp below.
function spliceBuffer(current: Uint8Array, start: number, size: number, data: Uint8Array): Uint8Array {
  const from = Math.min(start, current.length);
  const to = Math.min(from + size, current.length);
  const out = new Uint8Array(from + data.length + (current.length - to));
  out.set(current.subarray(0, from), 0);
  out.set(data, from);
  out.set(current.subarray(to), from + data.length);
  return out;
}

/** Wraps a host call so a bad guest pointer answers a status instead of trapping the host. */
const guarded =
  (fn: Fn): Fn =>
  (...args) => {
    try {
      return fn(...args);
    } catch {
      return AbiStatus.InvalidMemoryAccess;
    }
  };

export function proxyWasmImports(state: ProxyState, ctx: HostImportContext): Record<ProxyHostFunction, Fn> {
  const mem = () => ctx.memory();
  const text = (ptr: number, len: number) => mem().string(ptr, len);
  // proxy-wasm's own allocator first (Rust's SDK exports no malloc), else the module's malloc.
  let allocator: string | undefined;
  const reply = (data: Uint8Array, retPtr: number, retLen: number) => {
    allocator ??= typeof ctx.exports().proxy_on_memory_allocate === 'function' ? 'proxy_on_memory_allocate' : 'malloc';
    mem().u32(retPtr, data.length > 0 ? ctx.allocate(data, allocator) : 0);
    mem().u32(retLen, data.length);
    return AbiStatus.Ok;
  };
  const ok = () => AbiStatus.Ok;
  const setHeader = (type: number, key: string, value: string, replace: boolean) => {
    const lower = key.toLowerCase();
    if (replace)
      state.maps.set(
        type,
        state.map(type).filter(([k]) => k !== lower),
      );
    state.map(type).push([lower, value]);
    return AbiStatus.Ok;
  };

  const calls: Record<ProxyHostFunction, Fn> = {
    proxy_log: (level, ptr, len) => (state.log(level, text(ptr, len)), AbiStatus.Ok),
    proxy_get_log_level: (retPtr) => (mem().u32(retPtr, 2), AbiStatus.Ok),
    proxy_set_effective_context: (context) => ((state.effectiveContext = context), AbiStatus.Ok),
    proxy_get_buffer_bytes: (type, start, max, retPtr, retLen) => {
      const buffer = state.buffer(type);
      if (buffer.length === 0) return AbiStatus.Empty;
      return reply(buffer.subarray(Math.min(start, buffer.length), Math.min(start + max, buffer.length)), retPtr, retLen);
    },
    proxy_get_buffer_status: (type, lenPtr, flagsPtr) => (
      mem().u32(lenPtr, state.buffer(type).length),
      mem().u32(flagsPtr, 0),
      AbiStatus.Ok
    ),
    proxy_set_buffer_bytes: (type, start, size, ptr, len) => {
      state.buffers.set(type, spliceBuffer(state.buffer(type), start, size, mem().bytes(ptr, len)));
      return AbiStatus.Ok;
    },
    proxy_get_header_map_value: (type, kPtr, kLen, retPtr, retLen) => {
      const key = text(kPtr, kLen).toLowerCase();
      const found = state.map(type).find(([k]) => k === key);
      return found ? reply(encoder.encode(found[1]), retPtr, retLen) : AbiStatus.NotFound;
    },
    proxy_get_header_map_pairs: (type, retPtr, retLen) => reply(encodePairs(state.map(type)), retPtr, retLen),
    proxy_get_header_map_size: (type, retPtr) => (mem().u32(retPtr, encodePairs(state.map(type)).length), AbiStatus.Ok),
    proxy_set_header_map_pairs: (type, ptr, len) => (state.maps.set(type, decodePairs(mem().bytes(ptr, len))), AbiStatus.Ok),
    proxy_add_header_map_value: (type, kPtr, kLen, vPtr, vLen) => setHeader(type, text(kPtr, kLen), text(vPtr, vLen), false),
    proxy_replace_header_map_value: (type, kPtr, kLen, vPtr, vLen) => setHeader(type, text(kPtr, kLen), text(vPtr, vLen), true),
    proxy_remove_header_map_value: (type, kPtr, kLen) => {
      const key = text(kPtr, kLen).toLowerCase();
      state.maps.set(
        type,
        state.map(type).filter(([k]) => k !== key),
      );
      return AbiStatus.Ok;
    },
    proxy_get_property: () => AbiStatus.NotFound,
    proxy_set_property: ok,
    proxy_send_local_response: (status, _dPtr, _dLen, bPtr, bLen, hPtr, hLen) => {
      state.localResponse = {
        status,
        body: mem().bytes(bPtr, bLen).slice(),
        headers: hLen > 0 ? decodePairs(mem().bytes(hPtr, hLen)) : [],
      };
      return AbiStatus.Ok;
    },
    proxy_get_current_time_nanoseconds: (retPtr) => (mem().u64(retPtr, BigInt(Date.now()) * 1_000_000n), AbiStatus.Ok),
    proxy_set_tick_period_milliseconds: ok,
    proxy_continue_stream: ok,
    proxy_close_stream: ok,
    proxy_continue_request: ok,
    proxy_continue_response: ok,
    proxy_clear_route_cache: ok,
    proxy_done: ok,
    proxy_get_shared_data: () => AbiStatus.NotFound,
    proxy_set_shared_data: () => AbiStatus.Unimplemented,
    proxy_http_call: () => AbiStatus.Unimplemented,
    proxy_call_foreign_function: () => AbiStatus.NotFound,
  };
  return Object.fromEntries(PROXY_HOST_FUNCTIONS.map((name) => [name, guarded(calls[name])])) as Record<ProxyHostFunction, Fn>;
}
