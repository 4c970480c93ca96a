/**
 * WASI preview 1 rights, reported as wasmtime reports them and enforced: a right dropped with
 * fd_fdstat_set_rights is gone for good, and a call that needs it fails.
 */
const bit = (n: number): bigint => 1n << BigInt(n);

export const Right = {
  FD_DATASYNC: bit(0),
  FD_READ: bit(1),
  FD_SEEK: bit(2),
  FD_FDSTAT_SET_FLAGS: bit(3),
  FD_SYNC: bit(4),
  FD_TELL: bit(5),
  FD_WRITE: bit(6),
  FD_ADVISE: bit(7),
  FD_ALLOCATE: bit(8),
  PATH_CREATE_DIRECTORY: bit(9),
  PATH_CREATE_FILE: bit(10),
  PATH_LINK_SOURCE: bit(11),
  PATH_LINK_TARGET: bit(12),
  PATH_OPEN: bit(13),
  FD_READDIR: bit(14),
  PATH_READLINK: bit(15),
  PATH_RENAME_SOURCE: bit(16),
  PATH_RENAME_TARGET: bit(17),
  PATH_FILESTAT_GET: bit(18),
  PATH_FILESTAT_SET_SIZE: bit(19),
  PATH_FILESTAT_SET_TIMES: bit(20),
  FD_FILESTAT_GET: bit(21),
  FD_FILESTAT_SET_SIZE: bit(22),
  FD_FILESTAT_SET_TIMES: bit(23),
  PATH_SYMLINK: bit(24),
  PATH_REMOVE_DIRECTORY: bit(25),
  PATH_UNLINK_FILE: bit(26),
  POLL_FD_READWRITE: bit(27),
  SOCK_SHUTDOWN: bit(28),
  SOCK_ACCEPT: bit(29),
} as const;

const any = (...rights: bigint[]): bigint => rights.reduce((a, b) => a | b, 0n);

/** What an open regular file may do, before its open mode takes FD_READ or FD_WRITE away. */
export const FILE_RIGHTS = any(
  Right.FD_DATASYNC,
  Right.FD_READ,
  Right.FD_SEEK,
  Right.FD_FDSTAT_SET_FLAGS,
  Right.FD_SYNC,
  Right.FD_TELL,
  Right.FD_WRITE,
  Right.FD_ADVISE,
  Right.FD_ALLOCATE,
  Right.FD_FILESTAT_GET,
  Right.FD_FILESTAT_SET_SIZE,
  Right.FD_FILESTAT_SET_TIMES,
  Right.POLL_FD_READWRITE,
);

/** The rights that change what is stored: a read-only mount never reports them. */
export const WRITE_RIGHTS = any(
  Right.FD_DATASYNC,
  Right.FD_WRITE,
  Right.FD_ALLOCATE,
  Right.FD_FILESTAT_SET_SIZE,
  Right.FD_FILESTAT_SET_TIMES,
  Right.PATH_CREATE_DIRECTORY,
  Right.PATH_CREATE_FILE,
  Right.PATH_LINK_SOURCE,
  Right.PATH_LINK_TARGET,
  Right.PATH_RENAME_SOURCE,
  Right.PATH_RENAME_TARGET,
  Right.PATH_FILESTAT_SET_SIZE,
  Right.PATH_FILESTAT_SET_TIMES,
  Right.PATH_SYMLINK,
  Right.PATH_REMOVE_DIRECTORY,
  Right.PATH_UNLINK_FILE,
);

export const DIRECTORY_RIGHTS = any(
  Right.FD_FDSTAT_SET_FLAGS,
  Right.FD_SYNC,
  Right.FD_ADVISE,
  Right.PATH_CREATE_DIRECTORY,
  Right.PATH_CREATE_FILE,
  Right.PATH_LINK_SOURCE,
  Right.PATH_LINK_TARGET,
  Right.PATH_OPEN,
  Right.FD_READDIR,
  Right.PATH_READLINK,
  Right.PATH_RENAME_SOURCE,
  Right.PATH_RENAME_TARGET,
  Right.PATH_FILESTAT_GET,
  Right.PATH_FILESTAT_SET_SIZE,
  Right.PATH_FILESTAT_SET_TIMES,
  Right.FD_FILESTAT_GET,
  Right.FD_FILESTAT_SET_TIMES,
  Right.PATH_SYMLINK,
  Right.PATH_REMOVE_DIRECTORY,
  Right.PATH_UNLINK_FILE,
);

export const STDIO_RIGHTS = any(Right.FD_READ, Right.FD_WRITE, Right.FD_FDSTAT_SET_FLAGS, Right.FD_FILESTAT_GET, Right.POLL_FD_READWRITE);

export interface RightsPair {
  base: bigint;
  inheriting: bigint;
}

/** A directory's rights: everything below it inherits at most these. */
export function directoryRights(readOnly: boolean): RightsPair {
  const mask = readOnly ? ~WRITE_RIGHTS : ~0n;
  return { base: DIRECTORY_RIGHTS & mask, inheriting: (DIRECTORY_RIGHTS | FILE_RIGHTS) & mask };
}

/** The rights that need the host file open for writing. */
export const HOST_WRITE_RIGHTS = Right.FD_WRITE | Right.FD_ALLOCATE | Right.FD_FILESTAT_SET_SIZE;

/** What a path_open's asked rights come to beneath a folder (before its flags are judged). */
export interface OpenRights {
  /** The asked base rights the folder lets through. */
  asked: bigint;
  wantsWrite: boolean;
  readable: boolean;
  /** The new fd's rights if it is a file, or a folder; and what it passes on. */
  file: bigint;
  dir: bigint;
  inheriting: bigint;
}

/** One answer per folder's rights (a new pair when they change): wasi-libc asks the same on every open. */
const lastOpen = new WeakMap<RightsPair, { base: bigint; inheriting: bigint; readOnly: boolean; out: OpenRights }>();

/** The rights an fd opened beneath a folder holding `folder` gets, asking `base`/`inheriting`. */
export function openRights(folder: RightsPair, base: bigint, inheriting: bigint, readOnly: boolean): OpenRights {
  const last = lastOpen.get(folder);
  if (last && last.base === base && last.inheriting === inheriting && last.readOnly === readOnly) return last.out;
  const asked = base & folder.inheriting;
  const wantsWrite = (asked & HOST_WRITE_RIGHTS) !== 0n;
  const readable = (asked & Right.FD_READ) !== 0n || !wantsWrite;
  const mask = readOnly ? ~WRITE_RIGHTS : ~0n;
  let file = asked & FILE_RIGHTS & mask;
  if (!readable) file &= ~Right.FD_READ;
  if (!wantsWrite) file &= ~Right.FD_WRITE;
  const out = {
    asked,
    wantsWrite,
    readable,
    file,
    dir: asked & DIRECTORY_RIGHTS & mask,
    inheriting: inheriting & folder.inheriting & mask,
  };
  lastOpen.set(folder, { base, inheriting, readOnly, out });
  return out;
}
