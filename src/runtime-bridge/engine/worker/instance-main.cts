/**
 * A long-lived function instance's worker (`wasmctl serve`): links the module against our WASI,
 * the proxy-wasm HTTP-filter host calls and Layotto's runtime host calls, runs `_start` (or
 * `_initialize`) and Layotto's plugin start once, then serves one request per message with the
 * lifecycle Layotto drives. Any failure leaves the instance broken: it says so and is replaced.
 */
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { BufferType, MapType, ProxyState, type HeaderPairs } from '../../abi/proxy-state.cjs';
import { proxyWasmImports } from '../../abi/proxy-wasm-imports.cjs';
import { InstanceRef } from '../wasi/memory.cjs';
import { WASI_MODULE, createPreview1 } from '../wasi/preview1.cjs';
import { hostCaller } from './host-channel.cjs';
import { buildHostImports, createHostContext, type HostImportModule } from './host-imports.cjs';
import type { FromInstance, InstanceConfig, ToInstance } from './instance-protocol.cjs';
import { checkImports, describeFailure, enter } from './linking.cjs';

const config = workerData as InstanceConfig;
const port = parentPort as NonNullable<typeof parentPort>;

/** Layotto accepts 0_1_0 besides 0_2_0; Rust's proxy-wasm 0.2.2+ marks itself 0_2_1. */
const ABI_VERSIONS = ['proxy_abi_version_0_2_0', 'proxy_abi_version_0_2_1', 'proxy_abi_version_0_1_0'];
const ROOT_CONTEXT = 1;
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'critical'];
/** proxy_get_log_level answers info: trace and debug lines are not even built by the SDKs. */
const MIN_LOG_LEVEL = 2;

const decoder = new TextDecoder();

function writeLog(level: number, message: string): void {
  if (level < MIN_LOG_LEVEL) return;
  const name = LOG_LEVELS[level] ?? String(level);
  const line = config.jsonLogs
    ? JSON.stringify({ time: new Date().toISOString(), function: config.label, level: name, message })
    : `${new Date().toISOString()} ${config.label} ${name}: ${message}`;
  fs.writeSync(2, `${line}\n`);
}

class BrokenInstance extends Error {}

interface Started {
  call(name: string, ...args: number[]): number | undefined;
  state: ProxyState;
  close(): void;
}

function link(module: WebAssembly.Module): Started {
  const hc = config.hostCalls;
  if (!hc) throw new BrokenInstance('an instance needs the host channel');
  const ref = new InstanceRef();
  const state = new ProxyState(writeLog);
  const ctx = createHostContext(ref, hostCaller(hc));
  const runtime = hc.workerModule ? (require(hc.workerModule) as HostImportModule).hostImports : {};
  const env = { ...proxyWasmImports(state, ctx), ...buildHostImports(hc.imports, runtime, ctx) };
  const refused = checkImports(
    module,
    'wasmctl serve',
    (i) => i.kind === 'function' && (i.module === WASI_MODULE || (i.module === 'env' && i.name in env)),
  );
  if (refused) throw new BrokenInstance(refused.type === 'failed' ? refused.message : 'module refused');
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  if (!ABI_VERSIONS.some((v) => exported.has(v))) {
    throw new BrokenInstance(`not a proxy-wasm module: it exports none of ${ABI_VERSIONS.join(', ')}`);
  }
  const wasi = createPreview1({ ...config, memory: () => ref.memory() });
  try {
    const instance = new WebAssembly.Instance(module, { [WASI_MODULE]: wasi.imports, env } as WebAssembly.Imports);
    ref.bind(instance);
    const code = enter(instance.exports, null);
    if (code !== 0) throw new BrokenInstance(`the module exited with code ${code} while starting`);
    const call = (name: string, ...args: number[]): number | undefined => {
      const fn = instance.exports[name];
      return typeof fn === 'function' ? Number((fn as (...a: number[]) => unknown)(...args)) : undefined;
    };
    return { call, state, close: () => wasi.close() };
  } catch (err) {
    wasi.close();
    throw err;
  }
}

/** Layotto's plugin start: the module's id from the call-data buffer, root context, VM, plugin. */
function pluginStart({ call, state }: Started): string | null {
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

let nextContext = ROOT_CONTEXT + 1;

/** One HTTP request through the filter callbacks; a local response wins over the body buffer. */
function serve({ call, state }: Started, headers: HeaderPairs, body: Uint8Array): FromInstance {
  const context = nextContext++;
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
  return { type: 'response', ...response };
}

function broken(err: unknown): FromInstance {
  if (err instanceof BrokenInstance) return { type: 'broken', message: err.message };
  const failure = describeFailure(err);
  return { type: 'broken', message: 'message' in failure ? failure.message : String(err) };
}

let started: Started | null = null;

port.on('message', (message: ToInstance) => {
  let reply: FromInstance;
  try {
    if (message.type === 'close') {
      started?.close();
      process.exit(0);
    }
    if (message.type === 'start') {
      started = link(message.module);
      reply = { type: 'ready', moduleId: pluginStart(started) };
    } else {
      if (!started) throw new BrokenInstance('a request arrived before the module started');
      reply = serve(started, message.headers, message.body);
    }
  } catch (err) {
    reply = broken(err);
    started?.close();
    started = null;
  }
  port.postMessage(reply);
});
