/**
 * A module's worker thread: links the compiled module against WASI and the host functions,
 * runs it, and reports how it ended. Loaded as CommonJS from an eval'd script, which starts
 * several times faster than an ES-module worker.
 */
import { parentPort } from 'node:worker_threads';
import { describeFailure } from './linking.cjs';
import type { StartMessage, WorkerResult } from './protocol.cjs';
import { runWithOurWasi } from './wasi-run.cjs';

const port = parentPort as NonNullable<typeof parentPort>;

port.once('message', ({ config, module, component }: StartMessage) => {
  const run = async (): Promise<WorkerResult> => {
    if (component)
      return (require('../component/run-component.cjs') as typeof import('../component/run-component.cjs')).runComponent(component, config);
    const core = module as WebAssembly.Module;
    // @wasmer/wasi is loaded only when asked for: requiring it costs more than our whole engine.
    return config.engine === 'wasmer'
      ? (require('./wasmer.cjs') as typeof import('./wasmer.cjs')).runWithWasmer(core, config)
      : runWithOurWasi(core, config);
  };
  run()
    .catch(describeFailure)
    .then((result) => port.postMessage(result));
});
