/**
 * What the main thread running a module (inline-run.ts) and its watchdog (watchdog.cts) share: an
 * Int32 block in a SharedArrayBuffer. Whoever moves OUTCOME away from RUNNING first decides how
 * the run ends: the main thread when the module returns, the watchdog when it stops the module.
 */
export const WatchSlot = { READY: 0, OUTCOME: 1 } as const;
export const WatchOutcome = { RUNNING: 0, RETURNED: 1, STOPPED: 2 } as const;
export const WATCH_BYTES = 8;

/** Sent by the main thread just before it enters the module. */
export interface WatchArm {
  /** Date.now() at which the module is stopped (--timeout), or null. */
  deadline: number | null;
  /** The line written to stderr when the deadline stops the module. */
  timeoutLine: string;
}

/** The signals that stop a module on the main thread, as the CLI forwards them to a Worker's. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
