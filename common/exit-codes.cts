/**
 * The exit codes a run can end with besides the module's own (docker's where docker has one),
 * declared once for both sides of the thread boundary: CommonJS so that the engine's worker code
 * (.cts) can take them as well as the ES modules.
 */
export const ExitCode = {
  /** wasmctl itself failed (image, options, a host call that broke). */
  TOOL_FAILURE: 125,
  /** The entry cannot run here: not Wasm, not valid, imports nothing provides. */
  NOT_RUNNABLE: 126,
  /** The entry is not in the image. */
  ENTRY_MISSING: 127,
  /** --timeout passed. */
  TIMEOUT: 124,
  /** The module trapped (SIGABRT's 128 + 6, as a native abort). */
  TRAP: 134,
  /** A closed stdout or stderr pipe (SIGPIPE's 128 + 13). */
  SIGPIPE: 141,
} as const;

/** A process ended by signal `signo` exits 128 + signo (a shell's convention, and docker's). */
export const signalExit = (signo: number): number => 128 + signo;
