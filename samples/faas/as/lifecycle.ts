// The proxy-wasm callbacks a Layotto function must export but the demo functions do not use.
import { ACTION_CONTINUE, allocate } from "./proxy";

export function malloc(size: usize): usize { return allocate(size); }
export function proxy_on_memory_allocate(size: usize): usize { return allocate(size); }
export function proxy_abi_version_0_2_0(): void {}
export function proxy_on_context_create(context: i32, parent: i32): void {}
export function proxy_on_vm_start(context: i32, size: i32): i32 { return 1; }
export function proxy_on_configure(context: i32, size: i32): i32 { return 1; }
export function proxy_on_request_headers(context: i32, headers: i32, end: i32): i32 { return ACTION_CONTINUE; }
export function proxy_on_done(context: i32): i32 { return 1; }
export function proxy_on_delete(context: i32): void {}
