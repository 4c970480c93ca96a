/** What both engines share: checking imports, building the host functions, entering the module. */
import { ExitCode } from '../../../common/exit-codes.cjs';
import type { ErrorKind } from '../../../common/errors.js';
import type { InstanceRef } from '../wasi/memory.cjs';
import { ProcExit } from '../wasi/preview1.cjs';
import { HostCallError, hostCaller } from './host-channel.cjs';
import { buildHostImports, createHostContext, type HostImportModule } from './host-imports.cjs';
import type { WorkerConfig, WorkerFailure, WorkerResult } from './protocol.cjs';
import { describeTrap, isTrap } from './traps.cjs';

/** A `failed` result when the module imports anything `provides` does not cover. */
export function checkImports(
  module: WebAssembly.Module,
  engine: string,
  provides: (i: WebAssembly.ModuleImportDescriptor) => boolean,
): WorkerFailure | null {
  const missing = WebAssembly.Module.imports(module).filter((i) => !provides(i));
  if (missing.length === 0) return null;
  const list = missing.map((i) => `${i.module}.${i.name}`).join(', ');
  return {
    type: 'failed',
    kind: 'Unimplemented',
    exitCode: ExitCode.NOT_RUNNABLE,
    message: `module imports ${list}, which ${engine} does not provide`,
  };
}

export const isHostImport = (config: WorkerConfig, i: WebAssembly.ModuleImportDescriptor): boolean =>
  i.kind === 'function' && i.module === 'env' && (config.hostCalls?.imports.includes(i.name) ?? false);

export function hostImports(config: WorkerConfig, ref: InstanceRef): Record<string, unknown> {
  const hc = config.hostCalls;
  if (!hc) return {};
  const callHost = hostCaller(hc);
  const factories = hc.hostImports ?? (hc.workerModule ? (require(hc.workerModule) as HostImportModule).hostImports : {});
  return buildHostImports(hc.imports, factories, createHostContext(ref, callHost));
}

/** Runs `_start`, or `_initialize` (then the export to invoke) for a reactor; returns the exit code. */
export function enter(exports: WebAssembly.Exports, invoke: string | null): number {
  const call = (name: string): void => (exports[name] as () => void)();
  try {
    if (typeof exports._start === 'function') {
      call('_start');
      return 0;
    }
    if (typeof exports._initialize === 'function') call('_initialize');
    if (invoke !== null) {
      if (typeof exports[invoke] !== 'function') throw new HostCallError(`the module exports no function ${invoke}`, 'NotFound');
      call(invoke);
    }
    return 0;
  } catch (err) {
    if (err instanceof ProcExit) return err.code & 0xff;
    throw err;
  }
}

/** What ended a run, its kind kept: a WasmctlError's (the engine's own checks), a host call's, a link's. */
export function describeFailure(err: unknown): WorkerResult {
  if (isTrap(err)) return { type: 'trapped', message: describeTrap(err) };
  if (err instanceof WebAssembly.LinkError)
    return { type: 'failed', kind: 'InvalidArgument', exitCode: ExitCode.NOT_RUNNABLE, message: err.message };
  if (err instanceof HostCallError) return { type: 'failed', kind: err.kind, exitCode: ExitCode.TOOL_FAILURE, message: err.message };
  const { kind, exitCode } = (err ?? {}) as { kind?: unknown; exitCode?: unknown };
  return {
    type: 'failed',
    kind: typeof kind === 'string' ? (kind as ErrorKind) : 'Internal',
    exitCode: typeof exitCode === 'number' ? exitCode : ExitCode.TOOL_FAILURE,
    message: err instanceof Error ? err.message : String(err),
  };
}
