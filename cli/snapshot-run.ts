/**
 * What `wasmctl run` needs once its options are parsed: the library's run (the engine and the code
 * that reads the image store, not the registry, archive or unpacking code, which the store imports
 * on use). run.ts imports this lazily, so the ES-module bundle loads it for `run` only; snapshot.ts
 * imports it eagerly, so the startup snapshot holds it evaluated. Nothing here may load
 * node:worker_threads or compute a file path from import.meta.url while it is evaluated (see
 * run-module.ts).
 */
import { needsWatchdog, prestartWatchdog } from '../runtime-bridge/engine/inline-run.js';
export { STOP_SIGNALS } from '../runtime-bridge/engine/inline-run.js';
export { exitWhenEnded } from '../runtime-bridge/engine/hard-exit.js';
export { startRun } from '../api/run.js';

let guarded: boolean | undefined;

/**
 * Whether bin/wasmctl's shell is this process's parent and stops it on a signal. It says so in
 * WASMCTL_GUARDIAN, read at first call (this module is evaluated while the snapshot is built) and
 * taken out of the environment so that nothing passes it on.
 */
export function parentTakesSignals(): boolean {
  if (guarded === undefined) {
    guarded = process.env.WASMCTL_GUARDIAN === '1';
    delete process.env.WASMCTL_GUARDIAN;
  }
  return guarded;
}

/** Boots the watchdog of `run ARGS` when it will be needed: no guardian, or a --timeout. */
export function prestartRun(args: string[]): void {
  const timeout = args.some((a) => a === '--timeout' || a.startsWith('--timeout='));
  if (needsWatchdog(timeout, parentTakesSignals())) prestartWatchdog();
}
