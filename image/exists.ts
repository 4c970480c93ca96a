import { accessSync } from 'node:fs';

/**
 * Whether `path` exists (a link counts when its target does). One synchronous access(2): an async
 * one is a thread-pool round trip, which on a loaded machine costs more than the call.
 */
export const exists = async (path: string): Promise<boolean> => {
  try {
    accessSync(path);
    return true;
  } catch {
    return false;
  }
};
