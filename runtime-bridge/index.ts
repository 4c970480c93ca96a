export type * from './types.js';
export { prestartWorker, runModule } from './engine/run-module.js';
export { exitWhenEnded, hardExit, STOP_GRACE_MS } from './engine/hard-exit.js';
export { resolveEntry } from './engine/entry.js';
export type { HostImportContext, HostImportFactory, HostImportModule } from './engine/worker/host-imports.cjs';
export type { CallHost } from './engine/worker/host-channel.cjs';
export { layottoHostCalls, AbiStatus, type LayottoHostCalls, type RuntimeConnection } from './abi/index.js';
// `wasmctl serve`'s long-lived function instances reuse the engine's pieces.
export { formatDuration } from './engine/run-module.js';
export { compileModule, loadModuleBytes } from './engine/entry.js';
export { workerFile } from './engine/worker-file.js';
export { encodeFrame, FrameReader, type FromInstance, type FunctionDef, type InstanceConfig, type ToInstance } from './engine/worker/instance-protocol.cjs';
export { connectRuntime, type RuntimeChoice } from './connect.js';
