/**
 * A module's worker thread: links the compiled module against WASI and the host functions,
 * runs it, and reports how it ended. Loaded as CommonJS from an eval'd script, which starts
 * several times faster than an ES-module worker.
 */
import { parentPort } from 'node:worker_threads';
import { InstanceRef } from '../wasi/memory.cjs';
import { createPreview1, providesWasi } from '../wasi/preview1.cjs';
import { checkImports, describeFailure, enter, hostImports, isHostImport } from './linking.cjs';
import type { StartMessage, WorkerConfig, WorkerResult } from './protocol.cjs';

const port = parentPort as NonNullable<typeof parentPort>;

function runWithOurWasi(module: WebAssembly.Module, config: WorkerConfig): WorkerResult {
  const refused = checkImports(
    module,
    'wasmctl',
    (i) => providesWasi(i) || isHostImport(config, i),
  );
  if (refused) return refused;
  const ref = new InstanceRef();
  const wasi = createPreview1({ ...config, memory: () => ref.memory() });
  try {
    const instance = new WebAssembly.Instance(module, {
      ...wasi.namespaces,
      env: hostImports(config, ref),
    } as WebAssembly.Imports);
    ref.bind(instance);
    return { type: 'exited', exitCode: enter(instance.exports, config.invoke) };
  } finally {
    wasi.close();
  }
}

port.once('message', ({ config, module, component }: StartMessage) => {
  const run = async (): Promise<WorkerResult> => {
    if (component) return (require('../component/run-component.cjs') as typeof import('../component/run-component.cjs')).runComponent(component, config);
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
