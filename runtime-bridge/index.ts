import { compileComponent, componentSource, isComponent, type ComponentDef, type ComponentSource } from './engine/component/index.js';
import { compileModule, loadModuleBytes } from './engine/entry.js';
import { formatDuration } from './engine/run-module.js';
import { workerFile } from './engine/worker-file.js';
import { InstanceProcess, type InstanceHostOptions } from './engine/worker/instance-host.cjs';
import type { FunctionDef } from './engine/worker/instance-protocol.cjs';

export type * from './types.js';
export { prestartWorker, runModule } from './engine/run-module.js';
export { exitWhenEnded, hardExit, STOP_GRACE_MS } from './engine/hard-exit.js';
export { resolveEntry } from './engine/entry.js';
export {
  isComponent,
  parseAllowedHost,
  parseSubscription,
  prepareComponent,
  toolchainTag,
  withOutgoingHttp,
  withSubscriptions,
  type ComponentDef,
  type Subscriber,
  type Subscription,
  type ComponentPayload,
} from './engine/component/index.js';
export type { HostImportContext, HostImportFactory, HostImportModule } from './engine/worker/host-imports.cjs';
export type { CallHost } from './engine/worker/host-channel.cjs';
export { layottoHostCalls, AbiStatus, type LayottoHostCalls, type RuntimeConnection } from './abi/index.js';
// `wasmctl serve`'s surface of the engine: a module loaded once, and its warm instances.
export type { FunctionDef } from './engine/worker/instance-protocol.cjs';
export type { InstanceProcess } from './engine/worker/instance-host.cjs';

/** What a function's file holds, once loaded: a core module's bytes, or a component made runnable. */
export type LoadedCode = { kind: 'module'; bytes: Uint8Array } | { kind: 'component'; component: ComponentSource };

/**
 * Reads a module, caps its memory (--memory) and compiles it once, so that a bad one fails here, in
 * one line; a WASI 0.2 component (told by its header) is transpiled instead, cached in `componentCache`.
 */
export async function loadModule(
  hostPath: string,
  shownAs: string,
  memoryBytes: number | undefined,
  componentCache: string,
): Promise<LoadedCode> {
  const bytes = loadModuleBytes(hostPath, shownAs, memoryBytes);
  if (isComponent(bytes)) {
    const component = await componentSource(bytes, shownAs, memoryBytes, componentCache);
    await compileComponent(component, shownAs);
    return { kind: 'component', component };
  }
  await compileModule(bytes, shownAs);
  return { kind: 'module', bytes };
}

/**
 * One warm instance of a proxy-wasm function, or of a wasi:http/proxy component (a ComponentDef;
 * then `handleHttp` serves its requests), in a process of its own that `kill` always stops.
 */
export const spawnInstance = (
  def: FunctionDef | ComponentDef,
  options: Omit<InstanceHostOptions, 'entry' | 'timeoutText'>,
): InstanceProcess =>
  new InstanceProcess(def, {
    ...options,
    entry: workerFile(import.meta.url, './engine/worker/instance-process'),
    timeoutText: formatDuration(options.timeoutMs),
  });
export { connectRuntime, type RuntimeChoice } from './connect.js';
