/** How `run` ends when a stopped module's thread does not: see proc-exit.cts. */
import type { RunningModule } from '../types.js';
import { hardExit } from './proc-exit.cjs';

export { hardExit };

/** How long a stopped module's thread gets to end before the process is ended around it. */
export const STOP_GRACE_MS = 100;

/**
 * Sets the exit code and returns once the module's thread has ended, so the process can exit as
 * usual; if it has not within STOP_GRACE_MS, ends the process now. What the module wrote is
 * already out: WASI writes are write(2) calls.
 */
export async function exitWhenEnded(module: Pick<RunningModule, 'ended'>, code: number): Promise<void> {
  process.exitCode = code;
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_GRACE_MS)));
  const stillRunning = await Promise.race([module.ended.then(() => false), stuck]);
  clearTimeout(timer);
  if (stillRunning) hardExit(code);
}
