/** The `fstflags` of fd_filestat_set_times and path_filestat_set_times. */
import * as fs from 'node:fs';
import { Errno, fail } from './errno.cjs';

export const FstFlag = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;

/** `/proc/self/…` as another process (touch) sees this one's descriptors. */
const asSeenByChild = (hostName: string): string => hostName.replace(/^\/proc\/self\//, `/proc/${process.pid}/`);

const timestamp = (ns: bigint): string => `@${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;

/**
 * Sets the times `flags` name on `hostName` (a `/proc/self/fd/…` name), leaving the other as it is.
 * `link` true acts on a link itself. Node's utimes takes seconds as a double, which loses the
 * nanoseconds WASI gives (and would move the time that should stay), so an exact time is set with
 * coreutils' touch, which calls utimensat with the exact timespec and UTIME_OMIT for the other.
 */
export function setTimes(hostName: string, atim: bigint, mtim: bigint, flags: number, link: boolean): void {
  if (flags & ~(FstFlag.ATIM | FstFlag.ATIM_NOW | FstFlag.MTIM | FstFlag.MTIM_NOW)) fail(Errno.INVAL);
  if ((flags & FstFlag.ATIM && flags & FstFlag.ATIM_NOW) || (flags & FstFlag.MTIM && flags & FstFlag.MTIM_NOW)) fail(Errno.INVAL);
  const target = asSeenByChild(hostName);
  // Required here: setting times is rare, and loading child_process would slow every start.
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const touch = (which: '-a' | '-m', set: number, setNow: number, given: bigint): void => {
    if (!(flags & (set | setNow))) return;
    const args = [which, '-c', ...(link ? ['-h'] : []), ...(flags & set ? ['-d', timestamp(given)] : []), '--', target];
    try {
      execFileSync('touch', args, { stdio: 'ignore' });
    } catch {
      // touch says nothing we could map; the object's own state tells why it failed.
      fs.lstatSync(hostName);
      fail(Errno.IO);
    }
  };
  touch('-a', FstFlag.ATIM, FstFlag.ATIM_NOW, atim);
  touch('-m', FstFlag.MTIM, FstFlag.MTIM_NOW, mtim);
}
