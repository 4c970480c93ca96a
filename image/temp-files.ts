import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Everything a store operation writes before it is committed lives in `<root>/tmp`, named
 * `<kind>-<pid>-<rest>` so that a later process can tell whose it is. A process that crashed (or
 * was killed) mid-pull leaves its folder behind; the next write sweeps it.
 */

/**
 * A live owner's entry is kept this long: no pull or load takes a day, so an entry older than that
 * belongs to a process whose pid was reused (a container restarted with the same pids, say).
 */
const LIVE_OWNER_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/**
 * An entry whose name carries no pid (an older wasmctl's) is left alone this long, in case a
 * process of that version is still writing it.
 */
const UNOWNED_MAX_AGE_MS = 10 * 60 * 1000;

export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A fresh temp folder of this process: `<tmp>/<kind>-<pid>-XXXXXX` (made synchronously: two calls of microseconds). */
export async function makeTempDir(tmp: string, kind: string): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  return mkdtempSync(join(tmp, `${kind}-${process.pid}-`));
}

/** The path of a temp file or folder of this process (not created). */
export const tempPath = (tmp: string, kind: string, rest: string): string => join(tmp, `${kind}-${process.pid}-${rest}`);

const ownerOf = (name: string): number | undefined => {
  const pid = Number(/^[a-z]+-(\d+)-/.exec(name)?.[1]);
  return pid > 0 ? pid : undefined;
};

/** Removes the entries of `tmp` left by processes that are gone; never throws (cleaning is best effort). */
export async function sweepStale(tmp: string, now = Date.now()): Promise<void> {
  let names: string[] = [];
  try {
    names = readdirSync(tmp);
  } catch {
    // No tmp/ yet: nothing to sweep.
  }
  await Promise.all(
    names.map(async (name) => {
      const path = join(tmp, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) return;
      const owner = ownerOf(name);
      const age = now - info.mtimeMs;
      const stale = owner === undefined ? age > UNOWNED_MAX_AGE_MS : !processAlive(owner) || age > LIVE_OWNER_MAX_AGE_MS;
      if (stale) await rm(path, { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}
