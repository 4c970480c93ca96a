/**
 * The worker's half: link the component's glue against our WASI 0.2 host and call
 * `wasi:cli/run.run`. Exit, traps and failures end as a module's do.
 */
import { ProcExit } from '../wasi/preview1.cjs';
import { hostCaller } from '../worker/host-channel.cjs';
import type { WorkerConfig, WorkerResult } from '../worker/protocol.cjs';
import { commandHost, missingInterfaces } from './host/index.cjs';
import { asV8Trap, exportOf, linkComponent } from './link.cjs';
import type { ComponentPayload } from './payload.cjs';

const HOST_FAILURE = 125;
const NOT_RUNNABLE = 126;
/** `run` returned its error case: a failed command, as wasmtime reports it. */
const RUN_FAILED = 1;

type RunExport = { run(): unknown };

export async function runComponent(component: ComponentPayload, config: WorkerConfig): Promise<WorkerResult> {
  if (config.engine !== 'wasmctl') {
    return {
      type: 'failed',
      exitCode: HOST_FAILURE,
      message: `--engine ${config.engine} runs preview 1 modules only; components run on the wasmctl engine`,
    };
  }
  const { args, env, rootfs, mounts, stdio, nofile, hostCalls } = config;
  const host = commandHost({
    args,
    env,
    rootfs,
    mounts,
    stdio,
    nofile,
    callHost: hostCalls ? hostCaller(hostCalls) : null,
    componentImports: component.imports,
  });
  try {
    const missing = missingInterfaces(component.imports, host);
    if (missing.length > 0) {
      return { type: 'failed', exitCode: HOST_FAILURE, message: `component imports ${missing.join(', ')}, which wasmctl does not provide` };
    }
    const run = exportOf<RunExport>(linkComponent(component, host.imports), 'wasi:cli/run');
    if (!run) return { type: 'failed', exitCode: NOT_RUNNABLE, message: 'the component exports no wasi:cli/run: it is not a command' };
    try {
      run.run();
      return { type: 'exited', exitCode: 0 };
    } catch (err) {
      if (err instanceof ProcExit) return { type: 'exited', exitCode: err.code & 0xff };
      // run's error case: jco's glue throws its payload, which `result` has none of (older glue threw a ComponentError).
      if (err === undefined || (err instanceof Error && err.name === 'ComponentError')) return { type: 'exited', exitCode: RUN_FAILED };
      throw asV8Trap(err);
    }
  } finally {
    host.close();
  }
}
