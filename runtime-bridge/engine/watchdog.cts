/**
 * The watchdog of a module that runs on the main thread (inline-run.ts): while the module runs, the
 * main thread's event loop does not, so its signal listeners and timers cannot fire, and V8's own
 * interrupts (vm's timeout, breakOnSigint) reach neither a memory.grow loop nor a blocked read(2).
 * This Worker's loop runs on: it takes SIGINT/SIGTERM/SIGHUP and --timeout and ends the whole
 * process with 128 + signal or 124 (proc-exit.cts), which is what `wasmctl run` does with a
 * stopped module anyway. Everything the module wrote is out already: WASI writes are write(2).
 */
import { writeSync } from 'node:fs';
import { constants } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ExitCode, signalExit } from '../../common/exit-codes.cjs';
import { hardExit } from './proc-exit.cjs';
import { STOP_SIGNALS, WatchOutcome, WatchSlot, type WatchArm } from './watchdog-layout.cjs';

interface SignalHandle {
  onsignal: () => void;
  start(signo: number): number;
  unref(): void;
}

const state = new Int32Array(workerData as SharedArrayBuffer);

function stop(code: number, line: string | null): void {
  // The module returned first: the main thread reports it, and exits.
  if (Atomics.compareExchange(state, WatchSlot.OUTCOME, WatchOutcome.RUNNING, WatchOutcome.STOPPED) !== WatchOutcome.RUNNING) return;
  if (line !== null) writeSync(2, line);
  hardExit(code);
}

// process.on takes no signals in a Worker; the binding under it does, and libuv hands a signal to
// every loop that listens for it. It is deprecated for user code (DEP0111): this thread says so to
// no one, its only other code being ours.
process.noDeprecation = true;
const { Signal } = (process as unknown as { binding(name: 'signal_wrap'): { Signal: new () => SignalHandle } }).binding('signal_wrap');
for (const name of STOP_SIGNALS) {
  const signo = constants.signals[name];
  const handle = new Signal();
  handle.onsignal = () => stop(signalExit(signo), null);
  handle.start(signo);
  handle.unref();
}

(parentPort as NonNullable<typeof parentPort>).on('message', ({ deadline, timeoutLine }: WatchArm) => {
  if (deadline !== null) setTimeout(() => stop(ExitCode.TIMEOUT, timeoutLine), Math.max(0, deadline - Date.now()));
});

Atomics.store(state, WatchSlot.READY, 1);
Atomics.notify(state, WatchSlot.READY);
