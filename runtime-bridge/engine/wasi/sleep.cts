/** Blocks this worker thread (never the main thread's event loop) for `ms` milliseconds. */
const cell = new Int32Array(new SharedArrayBuffer(4));

export function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(cell, 0, 0, ms);
}
