/**
 * Ends the process with an exit code even while a module's thread cannot be stopped. V8 holds back
 * a termination while the module's memory.grow keeps succeeding, and nothing interrupts a blocking
 * read(2); process.exit() would join that thread first and wait forever. node:wasi's proc_exit
 * with `returnOnExit: false` is documented to end the process with the code, and it does so
 * through libc's exit(), past Node's teardown (so without joining the threads). It works from any
 * thread: the watchdog of a module on the main thread (watchdog.cts) ends the process with it.
 * CommonJS so that both the engine's ES modules and that Worker take the one copy.
 */

/** `(module (memory (export "memory") 0) (func (export "_initialize")))`: what WASI needs to start. */
const EMPTY_WASI_MODULE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 0, 7, 24, 2, 6, 109, 101, 109, 111, 114, 121, 2, 0, 11, 95, 105,
  110, 105, 116, 105, 97, 108, 105, 122, 101, 0, 0, 10, 4, 1, 2, 0, 11,
]);

export function hardExit(code: number): never {
  // Loaded here, not before: node:wasi's experimental warning is queued for a tick that never comes.
  const { WASI } = require('node:wasi') as typeof import('node:wasi');
  const wasi = new WASI({ version: 'preview1', returnOnExit: false });
  wasi.initialize(new WebAssembly.Instance(new WebAssembly.Module(EMPTY_WASI_MODULE), {}));
  (wasi.wasiImport as { proc_exit(code: number): void }).proc_exit(code);
  throw new Error('proc_exit returned');
}
