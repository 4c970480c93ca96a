/**
 * The worker's half: link the component's glue against our WASI 0.2 host and call
 * `wasi:cli/run.run`. Exit, traps and failures end as a module's do.
 */
import { pathToFileURL } from 'node:url';
import { ProcExit } from '../wasi/preview1.cjs';
import { hostCaller } from '../worker/host-channel.cjs';
import type { WorkerConfig, WorkerResult } from '../worker/protocol.cjs';
import { commandHost, missingInterfaces } from './host/index.cjs';
import type { ComponentPayload } from './payload.cjs';

const HOST_FAILURE = 125;
const NOT_RUNNABLE = 126;
/** `run` returned its error case: a failed command, as wasmtime reports it. */
const RUN_FAILED = 1;

interface Glue {
  instantiate(getCoreModule: (name: string) => WebAssembly.Module, imports: Record<string, unknown>): Record<string, unknown>;
}

type RunExport = { run(): unknown };

/**
 * jco's glue rewrites a trap's message into wasmtime's words; V8's own is put back so that traps
 * are named exactly as a core module's are (worker/traps.cts reads V8's messages).
 */
const V8_TRAP_MESSAGES: Record<string, string> = {
  'wasm trap: wasm `unreachable` instruction executed': 'unreachable',
  'wasm trap: out of bounds memory access': 'memory access out of bounds',
  'wasm trap: integer divide by zero': 'divide by zero',
  'wasm trap: integer overflow': 'divide result unrepresentable',
  'wasm trap: invalid conversion to integer': 'float unrepresentable in integer range',
  'wasm trap: undefined element: out of bounds table access': 'table index is out of bounds',
  'wasm trap: indirect call type mismatch': 'function signature mismatch',
};

function asV8Trap(err: unknown): unknown {
  if (err instanceof WebAssembly.RuntimeError) err.message = V8_TRAP_MESSAGES[err.message] ?? err.message;
  return err;
}

export async function runComponent(component: ComponentPayload, config: WorkerConfig): Promise<WorkerResult> {
  if (config.engine !== 'wasmctl') {
    return { type: 'failed', exitCode: HOST_FAILURE, message: `--engine ${config.engine} runs preview 1 modules only; components run on the wasmctl engine` };
  }
  const { args, env, rootfs, mounts, stdio, nofile, hostCalls } = config;
  const host = commandHost({ args, env, rootfs, mounts, stdio, nofile, callHost: hostCalls ? hostCaller(hostCalls) : null });
  try {
    const missing = missingInterfaces(component.imports, host);
    if (missing.length > 0) {
      return { type: 'failed', exitCode: HOST_FAILURE, message: `component imports ${missing.join(', ')}, which wasmctl does not provide` };
    }
    const glue = (await import(pathToFileURL(component.glue).href)) as Glue;
    const exports = glue.instantiate((name) => {
      const module = component.modules[name];
      if (!module) throw new Error(`the transpiled component has no core module ${name}`);
      return module;
    }, host.imports);
    const runName = Object.keys(exports).find((name) => name.startsWith('wasi:cli/run@'));
    const run = runName === undefined ? undefined : (exports[runName] as RunExport | undefined);
    if (!run) return { type: 'failed', exitCode: NOT_RUNNABLE, message: 'the component exports no wasi:cli/run: it is not a command' };
    try {
      run.run();
      return { type: 'exited', exitCode: 0 };
    } catch (err) {
      if (err instanceof ProcExit) return { type: 'exited', exitCode: err.code & 0xff };
      if (err instanceof Error && err.name === 'ComponentError') return { type: 'exited', exitCode: RUN_FAILED };
      throw asV8Trap(err);
    }
  } finally {
    host.close();
  }
}
