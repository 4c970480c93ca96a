/**
 * The worker's half: link the component's glue against our WASI 0.2 host and call
 * `wasi:cli/run.run`, or, for a component exporting the messaging handler, call it per message of
 * the run's subscriptions. Exit, traps and failures end as a module's do.
 */
import { ProcExit } from '../wasi/preview1.cjs';
import { hostCaller } from '../worker/host-channel.cjs';
import type { WorkerConfig, WorkerResult } from '../worker/protocol.cjs';
import { commandHost, missingInterfaces } from './host/index.cjs';
import { asV8Trap, exportOf, linkComponent } from './link.cjs';
import { type IncomingHandler, serveMessages } from './incoming-messages.cjs';
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
  const callHost = hostCalls ? hostCaller(hostCalls) : null;
  const host = commandHost({
    args,
    env,
    rootfs,
    mounts,
    stdio,
    nofile,
    callHost,
    componentImports: component.imports,
  });
  try {
    const missing = missingInterfaces(component.imports, host);
    if (missing.length > 0) {
      return { type: 'failed', exitCode: HOST_FAILURE, message: `component imports ${missing.join(', ')}, which wasmctl does not provide` };
    }
    const exports = linkComponent(component, host.imports);
    const handler = exportOf<IncomingHandler>(exports, 'wasi:messaging/incoming-handler');
    const run = exportOf<RunExport>(exports, 'wasi:cli/run');
    if (handler && !run) return handled(() => ({ type: 'failed', exitCode: HOST_FAILURE, message: serveMessages(handler, callHost) }));
    if (!run) return { type: 'failed', exitCode: NOT_RUNNABLE, message: 'the component exports no wasi:cli/run: it is not a command' };
    return handled(() => {
      run.run();
      return { type: 'exited', exitCode: 0 };
    });
  } finally {
    host.close();
  }
}

/** An exit as its code, run's error case as a failed command, a trap as a module's. */
function handled(body: () => WorkerResult): WorkerResult {
  try {
    return body();
  } catch (err) {
    if (err instanceof ProcExit) return { type: 'exited', exitCode: err.code & 0xff };
    // run's error case: jco's glue throws its payload, which `result` has none of (older glue threw a ComponentError).
    if (err === undefined || (err instanceof Error && err.name === 'ComponentError')) return { type: 'exited', exitCode: RUN_FAILED };
    throw asV8Trap(err);
  }
}
