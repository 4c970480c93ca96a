// A minimal guest side of the proxy-wasm 0.2.x ABI plus Layotto's runtime host functions, for
// AssemblyScript. The upstream AssemblyScript proxy-wasm SDK is old and Layotto's fork is not on
// the npm registry, so the demo functions use this instead. Results come back through `malloc`.

export const BUF_HTTP_REQUEST_BODY: i32 = 0;
export const BUF_HTTP_RESPONSE_BODY: i32 = 1;
export const BUF_CALL_DATA: i32 = 8;
export const STATUS_OK: i32 = 0;
export const STATUS_NOT_FOUND: i32 = 1;
export const ACTION_CONTINUE: i32 = 0;
export const LOG_ERROR: i32 = 4;
const REPLACE_ALL: i32 = 0x7fffffff;

@external("env", "proxy_log")
declare function proxy_log(level: i32, msg: usize, len: usize): i32;
@external("env", "proxy_get_buffer_bytes")
declare function proxy_get_buffer_bytes(type: i32, start: i32, max: i32, ret: usize, retLen: usize): i32;
@external("env", "proxy_set_buffer_bytes")
declare function proxy_set_buffer_bytes(type: i32, start: i32, size: i32, data: usize, len: usize): i32;
@external("env", "proxy_invoke_service")
declare function proxy_invoke_service(id: usize, idLen: usize, method: usize, methodLen: usize, param: usize, paramLen: usize, ret: usize, retLen: usize): i32;
@external("env", "proxy_get_state")
declare function proxy_get_state(store: usize, storeLen: usize, key: usize, keyLen: usize, ret: usize, retLen: usize): i32;

/** The host copies results into memory it gets from here; never collected by the GC. */
export function allocate(size: usize): usize {
  return heap.alloc(size);
}

/** A host call's outcome: its status and, when OK, the bytes it returned. */
export class Result {
  constructor(public status: i32, public value: string) {}
}

const returnSlots = memory.data(8);

function takeResult(status: i32): Result {
  if (status != STATUS_OK) return new Result(status, "");
  const ptr = load<u32>(returnSlots);
  const len = load<u32>(returnSlots + 4);
  const value = String.UTF8.decodeUnsafe(<usize>ptr, <usize>len);
  if (ptr != 0) heap.free(<usize>ptr);
  return new Result(status, value);
}

function utf8(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

export function log(level: i32, message: string): void {
  const bytes = utf8(message);
  proxy_log(level, changetype<usize>(bytes), bytes.byteLength);
}

export function requestBody(size: i32): string {
  if (size <= 0) return "";
  return takeResult(proxy_get_buffer_bytes(BUF_HTTP_REQUEST_BODY, 0, size, returnSlots, returnSlots + 4)).value;
}

export function setBuffer(type: i32, text: string): void {
  const bytes = utf8(text);
  proxy_set_buffer_bytes(type, 0, REPLACE_ALL, changetype<usize>(bytes), bytes.byteLength);
}

export function invokeService(id: string, method: string, param: string): Result {
  const a = utf8(id), b = utf8(method), c = utf8(param);
  return takeResult(proxy_invoke_service(
    changetype<usize>(a), a.byteLength, changetype<usize>(b), b.byteLength,
    changetype<usize>(c), c.byteLength, returnSlots, returnSlots + 4));
}

export function getState(store: string, key: string): Result {
  const a = utf8(store), b = utf8(key);
  return takeResult(proxy_get_state(changetype<usize>(a), a.byteLength, changetype<usize>(b), b.byteLength, returnSlots, returnSlots + 4));
}
