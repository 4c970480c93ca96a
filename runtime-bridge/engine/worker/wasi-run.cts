/** A core module on our WASI, on whichever thread calls: a module's Worker (main.cts) or the main thread (inline-run.ts). */
import { InstanceRef } from '../wasi/memory.cjs';
import { createPreview1, providesWasi } from '../wasi/preview1.cjs';
import { checkImports, enter, hostImports, isHostImport } from './linking.cjs';
import type { WorkerConfig, WorkerResult } from './protocol.cjs';

export function runWithOurWasi(module: WebAssembly.Module, config: WorkerConfig): WorkerResult {
  const refused = checkImports(module, 'wasmctl', (i) => providesWasi(i) || isHostImport(config, i));
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
