/**
 * Blocks the calling thread for `ms` milliseconds: the module's, which is the main thread for an
 * inline run (its event loop waits for the module anyway). The cell is made at first use: a
 * startup snapshot is built without SharedArrayBuffer.
 */
let cell: Int32Array | undefined;

export function sleepMs(ms: number): void {
  cell ??= new Int32Array(new SharedArrayBuffer(4));
  if (ms > 0) Atomics.wait(cell, 0, 0, ms);
}
