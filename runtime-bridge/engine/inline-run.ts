/**
 * A core module on the main thread, for a process that exists for one run (`wasmctl run`): no
 * Worker boots on the way to the module's first instruction, and the engine's code is already
 * evaluated in the CLI's startup snapshot. While the module runs, this thread's event loop does
 * not, so the stops (signals, --timeout) belong to a small watchdog Worker (watchdog.cts) that
 * ends the process itself. It boots while the CLI parses and looks the image up
 * (prestartWatchdog); the module starts once the watchdog listens, so that no signal is missed.
 * When the parent process takes the signals (bin/wasmctl's shell does), the watchdog is started
 * only for a timeout, and not waited for: a deadline cannot be missed by booting late.
 */
import type { Worker } from 'node:worker_threads';
import { STOP_GRACE_MS } from './hard-exit.js';
import { workerBoot, workerFile, workerThreads } from './worker-file.js';
import { WATCH_BYTES, WatchOutcome, WatchSlot, type WatchArm } from './watchdog-layout.cjs';
export { STOP_SIGNALS } from './watchdog-layout.cjs';
import { describeFailure } from './worker/linking.cjs';
import type { WorkerConfig, WorkerResult } from './worker/protocol.cjs';
import { runWithOurWasi } from './worker/wasi-run.cjs';

/** Longest wait for the watchdog to listen before the module goes to a Worker instead. */
const WATCHDOG_BOOT_MS = 5_000;

let watchdog: { worker: Worker; state: Int32Array } | null = null;

/** Boots the watchdog of the next inline run now, so that its start overlaps the caller's own work. */
export function prestartWatchdog(): void {
  if (watchdog) return;
  const sab = new SharedArrayBuffer(WATCH_BYTES);
  const worker = new (workerThreads().Worker)(workerBoot(workerFile(import.meta.url, './watchdog')), { eval: true, workerData: sab });
  worker.unref();
  const state = new Int32Array(sab);
  // A watchdog that dies before the run is forgotten; the run then waits in vain and goes to a Worker.
  worker.once('error', () => {
    if (watchdog?.worker === worker) watchdog = null;
  });
  watchdog = { worker, state };
}

/** A run whose parent stops it on a signal needs a watchdog only for its timeout. */
export const needsWatchdog = (hasTimeout: boolean, parentTakesSignals: boolean): boolean => hasTimeout || !parentTakesSignals;

/** Lets go of a prestarted watchdog: the run goes to a Worker, whose stops the main thread handles. */
export function dropWatchdog(): void {
  void watchdog?.worker.terminate();
  watchdog = null;
}

export interface InlineStop {
  timeoutMs: number | null;
  /** The parent stops this process on a signal: the watchdog need not listen for any. */
  parentTakesSignals: boolean;
  /** Written to stderr by the watchdog when the timeout stops the module. */
  timeoutLine: string;
}

/**
 * Runs the module to its end on this thread; null when the watchdog is not listening (the caller
 * runs it on a Worker). A stop ends the process from the watchdog: this then never returns.
 */
export function runInline(module: WebAssembly.Module, config: WorkerConfig, stop: InlineStop): WorkerResult | null {
  if (!needsWatchdog(stop.timeoutMs !== null, stop.parentTakesSignals)) {
    dropWatchdog();
    return run(module, config);
  }
  prestartWatchdog();
  const dog = watchdog as NonNullable<typeof watchdog>;
  watchdog = null;
  if (!stop.parentTakesSignals && Atomics.wait(dog.state, WatchSlot.READY, 0, WATCHDOG_BOOT_MS) === 'timed-out') {
    void dog.worker.terminate();
    return null;
  }
  const arm: WatchArm = { deadline: stop.timeoutMs === null ? null : Date.now() + stop.timeoutMs, timeoutLine: stop.timeoutLine };
  dog.worker.postMessage(arm);
  const result = run(module, config);
  if (Atomics.compareExchange(dog.state, WatchSlot.OUTCOME, WatchOutcome.RUNNING, WatchOutcome.RETURNED) !== WatchOutcome.RUNNING) {
    // The watchdog stopped the module just as it returned and is ending the process.
    Atomics.wait(dog.state, WatchSlot.READY, 1, STOP_GRACE_MS * 10);
  }
  void dog.worker.terminate();
  return result;
}

function run(module: WebAssembly.Module, config: WorkerConfig): WorkerResult {
  try {
    return runWithOurWasi(module, config);
  } catch (err) {
    return describeFailure(err);
  }
}
