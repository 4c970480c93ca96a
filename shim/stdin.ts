/**
 * The task's stdin, opened the one way both the server and the task process open it. Its own file:
 * the task process imports this and nothing of stdio.ts, whose logger pulls in execa (~9 MB of
 * heap in every task process).
 */
import { constants, openSync } from 'node:fs';

/** Non-blocking: a read sees EOF once no writer is left, EAGAIN while one is there with nothing written. */
export function openStdin(path: string): number | null {
  return path ? openSync(path, constants.O_RDONLY | constants.O_NONBLOCK) : null;
}
