/**
 * The task's stdin, opened the one way both the server and the task process open it. Its own file:
 * the task process imports this and nothing else of the shim's stdio, whose imports (the logger,
 * execa when it used it) each cost every task process megabytes of heap.
 */
import { constants, openSync } from 'node:fs';

/** Non-blocking: a read sees EOF once no writer is left, EAGAIN while one is there with nothing written. */
export function openStdin(path: string): number | null {
  return path ? openSync(path, constants.O_RDONLY | constants.O_NONBLOCK) : null;
}
