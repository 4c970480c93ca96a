/**
 * The proxy-wasm filter lifecycle, as Layotto drives it: one function instance linked against our
 * WASI, the proxy-wasm HTTP-filter host calls (proxy-wasm-imports.cts) and Layotto's runtime host
 * calls; Layotto's plugin start; one request through the filter callbacks. `wasmctl serve` runs
 * it in an instance process (engine/worker/instance-process.cts).
 */
import * as fs from 'node:fs';
import { InstanceRef } from '../engine/wasi/memory.cjs';
import { createPreview1, providesWasi } from '../engine/wasi/preview1.cjs';
import type { CallHost } from '../engine/worker/host-channel.cjs';
import { buildHostImports, createHostContext, type HostImportFactory } from '../engine/worker/host-imports.cjs';
import type { FunctionDef, InstanceConfig } from '../engine/worker/instance-protocol.cjs';
import { checkImports, enter } from '../engine/worker/linking.cjs';
import { BufferType, MapType, ProxyState, type HeaderPairs, type LocalResponse } from './proxy-state.cjs';
import { providesProxyWasm, proxyWasmImports } from './proxy-wasm-imports.cjs';

/** A function as its instances are made from, compiled. */
export type CompiledFunction = Omit<FunctionDef, 'bytes'> & { module: WebAssembly.Module };

/** Layotto accepts 0_1_0 besides 0_2_0; Rust's proxy-wasm 0.2.2+ marks itself 0_2_1. */
const ABI_VERSIONS = ['proxy_abi_version_0_2_0', 'proxy_abi_version_0_2_1', 'proxy_abi_version_0_1_0'];
const ROOT_CONTEXT = 1;
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'critical'];
/** proxy_get_log_level answers info: trace and debug lines are not even built by the SDKs. */
const MIN_LOG_LEVEL = 2;

const decoder = new TextDecoder();

/** A failure of the instance itself (not a trap): its message is the whole story. */
export class BrokenInstance extends Error {}

/** What every instance of a process links against. */
export interface LinkContext {
  config: InstanceConfig;
  /** The process's host channel to serve. */
  callHost: CallHost;
  runtime: Record<string, HostImportFactory>;
}

export interface Instance {
  call(name: string, ...args: number[]): number | undefined;
  state: ProxyState;
  nextContext: number;
  close(): void;
}

export function logLine(config: InstanceConfig, label: string, level: number, message: string): void {
  if (level < MIN_LOG_LEVEL) return;
  const name = LOG_LEVELS[level] ?? String(level);
  const line = config.jsonLogs
    ? JSON.stringify({ time: new Date().toISOString(), function: label, level: name, message })
    : `${new Date().toISOString()} ${label} ${name}: ${message}`;
  fs.writeSync(2, `${line}\n`);
}

/** The checks a module passes once, before its first instance. */
export function checkModule(def: CompiledFunction, ctx: LinkContext): void {
  const refused = checkImports(
    def.module,
    'wasmctl serve',
    (i) =>
      providesWasi(i) ||
      (i.kind === 'function' && i.module === 'env' && (providesProxyWasm(i.name) || ctx.config.imports.includes(i.name))),
  );
  if (refused) throw new BrokenInstance(refused.type === 'failed' ? refused.message : 'module refused');
  const exported = new Set(WebAssembly.Module.exports(def.module).map((e) => e.name));
  if (!ABI_VERSIONS.some((v) => exported.has(v))) {
    throw new BrokenInstance(`not a proxy-wasm module: it exports none of ${ABI_VERSIONS.join(', ')}`);
  }
}

/** Instantiates and enters (`_start`) the module, then runs Layotto's plugin start; returns its id. */
export function startInstance(def: CompiledFunction, ctx: LinkContext): { instance: Instance; moduleId: string | null } {
  const ref = new InstanceRef();
  const state = new ProxyState((level, message) => logLine(ctx.config, def.label, level, message));
  const hostContext = createHostContext(ref, ctx.callHost);
  const env = { ...proxyWasmImports(state, hostContext), ...buildHostImports(ctx.config.imports, ctx.runtime, hostContext) };
  const wasi = createPreview1({
    rootfs: def.rootfs,
    args: def.args,
    env: def.env,
    mounts: [],
    // The modules' stdout joins serve's logs on stderr: serve's stdout carries its addresses.
    stdio: { stdin: null, stdout: 2, stderr: 2 },
    // The engine's default descriptor limit.
    nofile: null,
    memory: () => ref.memory(),
  });
  try {
    const wasm = new WebAssembly.Instance(def.module, { ...wasi.namespaces, env } as WebAssembly.Imports);
    ref.bind(wasm);
    const code = enter(wasm.exports, null);
    if (code !== 0) throw new BrokenInstance(`the module exited with code ${code} while starting`);
    const call = (name: string, ...args: number[]): number | undefined => {
      const fn = wasm.exports[name];
      return typeof fn === 'function' ? Number((fn as (...a: number[]) => unknown)(...args)) : undefined;
    };
    const instance: Instance = { call, state, nextContext: ROOT_CONTEXT + 1, close: () => wasi.close() };
    return { instance, moduleId: pluginStart(instance) };
  } catch (err) {
    wasi.close();
    throw err;
  }
}

/** Layotto's plugin start: the module's id from the call-data buffer, root context, VM, plugin. */
function pluginStart({ call, state }: Instance): string | null {
  call('proxy_get_id');
  const id = decoder.decode(state.buffer(BufferType.CallData)).trim();
  call('proxy_on_context_create', ROOT_CONTEXT, 0);
  if (call('proxy_on_vm_start', ROOT_CONTEXT, state.buffer(BufferType.VmConfiguration).length) === 0) {
    throw new BrokenInstance('proxy_on_vm_start returned false');
  }
  if (call('proxy_on_configure', ROOT_CONTEXT, state.buffer(BufferType.PluginConfiguration).length) === 0) {
    throw new BrokenInstance('proxy_on_configure returned false');
  }
  return id || null;
}

/** One HTTP request through the filter callbacks; a local response wins over the body buffer. */
export function serveRequest(instance: Instance, headers: HeaderPairs, body: Uint8Array): LocalResponse {
  const { call, state } = instance;
  const context = instance.nextContext++;
  state.resetRequest(headers, body);
  call('proxy_on_context_create', context, ROOT_CONTEXT);
  // end_of_stream false: the body (the query string when there is none) follows.
  call('proxy_on_request_headers', context, headers.length, 0);
  if (!state.localResponse) call('proxy_on_request_body', context, body.length, 1);
  const response = state.localResponse ?? {
    status: 200,
    headers: state.map(MapType.HttpResponseHeaders),
    body: state.buffer(BufferType.HttpResponseBody),
  };
  call('proxy_on_done', context);
  call('proxy_on_delete', context);
  return response;
}
