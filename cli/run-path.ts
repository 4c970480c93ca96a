/**
 * What `wasmctl run` needs once its options are parsed: the library's run (the engine and the code
 * that reads the image store, not the registry, archive or unpacking code, which the store imports
 * on use). run.ts imports this lazily, so the ES-module bundle loads it for `run` only; snapshot.ts
 * imports it eagerly, so the startup snapshot holds it evaluated. Nothing here may load
 * node:worker_threads or compute a file path from import.meta.url while it is evaluated (see
 * run-module.ts).
 */
export { prestartWatchdog } from '../runtime-bridge/engine/inline-run.js';
export { exitWhenEnded } from '../runtime-bridge/engine/hard-exit.js';
export { startRun } from '../api/run.js';
