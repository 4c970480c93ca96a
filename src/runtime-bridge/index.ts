export type * from './types.js';
export { runModule } from './engine/run-module.js';
export { resolveEntry } from './engine/entry.js';
export type { HostImportContext, HostImportFactory, HostImportModule } from './engine/worker/host-imports.cjs';
export type { CallHost } from './engine/worker/host-channel.cjs';
export { layottoHostCalls, AbiStatus, type LayottoHostCalls, type RuntimeConnection } from './abi/index.js';
