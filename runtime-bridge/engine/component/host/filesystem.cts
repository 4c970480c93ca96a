/**
 * wasi:filesystem (types, preopens) over our preview 1 engine: a Descriptor is a preview 1 fd, and
 * every call is the preview 1 call that the sandbox already polices (walks beneath the held folder,
 * no link or `..` out, read-only mounts, busy mount roots). Errors come back as WASI 0.2 error codes.
 */
import { DIRECTORY_RIGHTS, FILE_RIGHTS, Right } from '../../wasi/rights.cjs';
import { DISPOSE, InputStream, IoError, OutputStream, writeAll } from './io.cjs';
import { Preview1Failure, type FileStat, type Preview1Bridge, type RawDirEntry } from './preview1-bridge.cjs';

/** Preview 1 errno → wasi:filesystem error-code (the inverse of the preview 1 adapter's table). */
const ERROR_CODES: Record<number, string> = {
  1: 'insufficient-memory',
  2: 'access',
  6: 'would-block',
  7: 'already',
  8: 'bad-descriptor',
  10: 'busy',
  16: 'deadlock',
  19: 'quota',
  20: 'exist',
  22: 'file-too-large',
  25: 'illegal-byte-sequence',
  26: 'in-progress',
  27: 'interrupted',
  28: 'invalid',
  29: 'io',
  31: 'is-directory',
  32: 'loop',
  33: 'insufficient-memory',
  34: 'too-many-links',
  35: 'message-size',
  37: 'name-too-long',
  41: 'insufficient-memory',
  43: 'no-device',
  44: 'no-entry',
  46: 'no-lock',
  48: 'insufficient-memory',
  51: 'insufficient-space',
  52: 'unsupported',
  54: 'not-directory',
  55: 'not-empty',
  56: 'not-recoverable',
  58: 'unsupported',
  59: 'no-tty',
  60: 'no-such-device',
  61: 'overflow',
  63: 'not-permitted',
  64: 'pipe',
  69: 'read-only',
  70: 'invalid-seek',
  74: 'text-file-busy',
  75: 'cross-device',
  76: 'not-permitted',
};

const codeOf = (errno: number): string => ERROR_CODES[errno] ?? 'io';

/** Runs a preview 1 operation; a failed call is thrown as its error-code (jco's `err` case). */
function fsCall<T>(op: () => T): T {
  try {
    return op();
  } catch (err) {
    if (err instanceof Preview1Failure) throw codeOf(err.errno);
    throw err;
  }
}

const FILE_TYPES = ['unknown', 'block-device', 'character-device', 'directory', 'regular-file', 'socket', 'socket', 'symbolic-link'];
const typeOf = (filetype: number): string => FILE_TYPES[filetype] ?? 'unknown';
const ADVICE = ['normal', 'sequential', 'random', 'will-need', 'dont-need', 'no-reuse'];
const NS = 1_000_000_000n;
const MAX_READ = 1n << 20n;
/** A preview 1 fd's own writes: without them it can still be read and walked. */
const HOST_WRITE = Right.FD_WRITE | Right.FD_ALLOCATE | Right.FD_FILESTAT_SET_SIZE;
const ALL_RIGHTS = FILE_RIGHTS | DIRECTORY_RIGHTS;
const FstFlag = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;
const FdFlag = { DSYNC: 2, RSYNC: 8, SYNC: 16 } as const;

interface Datetime {
  seconds: bigint;
  nanoseconds: number;
}
type NewTimestamp = { tag: 'no-change' } | { tag: 'now' } | { tag: 'timestamp'; val: Datetime };
interface PathFlags {
  symlinkFollow?: boolean;
}
interface OpenFlags {
  create?: boolean;
  directory?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
}
interface DescriptorFlags {
  read?: boolean;
  write?: boolean;
  fileIntegritySync?: boolean;
  dataIntegritySync?: boolean;
  requestedWriteSync?: boolean;
  mutateDirectory?: boolean;
}

const datetime = (ns: bigint): Datetime => ({ seconds: ns / NS, nanoseconds: Number(ns % NS) });

function stamp(t: NewTimestamp, set: number, now: number): [bigint, number] {
  if (t.tag === 'now') return [0n, now];
  if (t.tag === 'timestamp') return [t.val.seconds * NS + BigInt(t.val.nanoseconds), set];
  return [0n, 0];
}

function describeStat(s: FileStat) {
  return {
    type: typeOf(s.filetype),
    linkCount: s.nlink,
    size: s.size,
    dataAccessTimestamp: datetime(s.atim),
    dataModificationTimestamp: datetime(s.mtim),
    statusChangeTimestamp: datetime(s.ctim),
  };
}

const hashOf = (s: FileStat) => ({ lower: s.ino ^ (s.mtim << 1n) ^ s.size, upper: s.dev });

export class DirectoryEntryStream {
  constructor(private readonly entries: RawDirEntry[]) {}

  readDirectoryEntry(): { type: string; name: string } | undefined {
    const next = this.entries.shift();
    return next && { type: typeOf(next.filetype), name: next.name };
  }
}

/** Builds the filesystem interfaces over one bridge; the classes are per run, as the glue requires. */
export function filesystem(p1: Preview1Bridge) {
  class Descriptor {
    constructor(
      readonly fd: number,
      readonly flags: DescriptorFlags,
      /** Preopens belong to the handle table: dropping their descriptor leaves them open. */
      readonly owned: boolean,
    ) {}

    readViaStream(offset: bigint): InputStream {
      let at = offset;
      return new InputStream((len) => {
        const data = p1.read(this.fd, len, at);
        at += BigInt(data.length);
        return data;
      });
    }

    writeViaStream(offset: bigint): OutputStream {
      let at = offset;
      return new OutputStream(
        writeAll((data) => {
          const n = p1.write(this.fd, data, at);
          at += BigInt(n);
          return n;
        }),
      );
    }

    appendViaStream(): OutputStream {
      return new OutputStream(writeAll((data) => p1.write(this.fd, data, p1.stat(this.fd).size)));
    }

    advise(offset: bigint, length: bigint, advice: string): void {
      fsCall(() => p1.simple('fd_advise', this.fd, offset, length, Math.max(0, ADVICE.indexOf(advice))));
    }

    syncData(): void {
      fsCall(() => p1.simple('fd_datasync', this.fd));
    }

    sync(): void {
      fsCall(() => p1.simple('fd_sync', this.fd));
    }

    getFlags(): DescriptorFlags {
      return { ...this.flags };
    }

    getType(): string {
      return fsCall(() => typeOf(p1.fdstat(this.fd).filetype));
    }

    setSize(size: bigint): void {
      fsCall(() => p1.simple('fd_filestat_set_size', this.fd, size));
    }

    setTimes(atime: NewTimestamp, mtime: NewTimestamp): void {
      const [a, af] = stamp(atime, FstFlag.ATIM, FstFlag.ATIM_NOW);
      const [m, mf] = stamp(mtime, FstFlag.MTIM, FstFlag.MTIM_NOW);
      fsCall(() => p1.setTimes(this.fd, null, a, m, af | mf));
    }

    read(length: bigint, offset: bigint): [Uint8Array, boolean] {
      // A short read is allowed: one call never buffers more than a stream write may carry.
      const asked = Number(length > MAX_READ ? MAX_READ : length);
      const data = fsCall(() => p1.read(this.fd, asked, offset));
      return [data, data.length < asked];
    }

    write(buffer: Uint8Array, offset: bigint): bigint {
      return BigInt(fsCall(() => p1.write(this.fd, buffer, offset)));
    }

    readDirectory(): DirectoryEntryStream {
      return new DirectoryEntryStream(fsCall(() => p1.readdir(this.fd)));
    }

    createDirectoryAt(path: string): void {
      fsCall(() => p1.onPath('path_create_directory', this.fd, path));
    }

    stat() {
      return describeStat(fsCall(() => p1.stat(this.fd)));
    }

    statAt(flags: PathFlags, path: string) {
      return describeStat(fsCall(() => p1.statAt(this.fd, flags.symlinkFollow === true, path)));
    }

    setTimesAt(flags: PathFlags, path: string, atime: NewTimestamp, mtime: NewTimestamp): void {
      const [a, af] = stamp(atime, FstFlag.ATIM, FstFlag.ATIM_NOW);
      const [m, mf] = stamp(mtime, FstFlag.MTIM, FstFlag.MTIM_NOW);
      fsCall(() => p1.setTimes(this.fd, { follow: flags.symlinkFollow === true, path }, a, m, af | mf));
    }

    linkAt(oldFlags: PathFlags, oldPath: string, to: Descriptor, newPath: string): void {
      fsCall(() => p1.link(this.fd, oldFlags.symlinkFollow === true, oldPath, to.fd, newPath));
    }

    openAt(flags: PathFlags, path: string, open: OpenFlags, fdFlags: DescriptorFlags): Descriptor {
      const oflags = (open.create ? 1 : 0) | (open.directory ? 2 : 0) | (open.exclusive ? 4 : 0) | (open.truncate ? 8 : 0);
      let base = ALL_RIGHTS;
      if (!fdFlags.write) base &= ~HOST_WRITE;
      else if (!fdFlags.read) base &= ~Right.FD_READ;
      const sync =
        (fdFlags.dataIntegritySync ? FdFlag.DSYNC : 0) |
        (fdFlags.requestedWriteSync ? FdFlag.RSYNC : 0) |
        (fdFlags.fileIntegritySync ? FdFlag.SYNC : 0);
      const fd = fsCall(() => p1.open(this.fd, flags.symlinkFollow === true, path, oflags, base, ALL_RIGHTS, sync));
      return new Descriptor(fd, { ...fdFlags }, true);
    }

    readlinkAt(path: string): string {
      return fsCall(() => p1.readlink(this.fd, path));
    }

    removeDirectoryAt(path: string): void {
      fsCall(() => p1.onPath('path_remove_directory', this.fd, path));
    }

    renameAt(oldPath: string, to: Descriptor, newPath: string): void {
      fsCall(() => p1.rename(this.fd, oldPath, to.fd, newPath));
    }

    symlinkAt(oldPath: string, newPath: string): void {
      fsCall(() => p1.symlink(oldPath, this.fd, newPath));
    }

    unlinkFileAt(path: string): void {
      fsCall(() => p1.onPath('path_unlink_file', this.fd, path));
    }

    isSameObject(other: Descriptor): boolean {
      const [a, b] = fsCall(() => [p1.stat(this.fd), p1.stat(other.fd)]);
      return a.dev === b.dev && a.ino === b.ino;
    }

    metadataHash() {
      return hashOf(fsCall(() => p1.stat(this.fd)));
    }

    metadataHashAt(flags: PathFlags, path: string) {
      return hashOf(fsCall(() => p1.statAt(this.fd, flags.symlinkFollow === true, path)));
    }
  }
  Object.defineProperty(Descriptor.prototype, DISPOSE, {
    value(this: Descriptor) {
      if (this.owned) fsCall(() => p1.simple('fd_close', this.fd));
    },
  });

  return {
    'wasi:filesystem/types': {
      Descriptor,
      DirectoryEntryStream,
      filesystemErrorCode: (err: IoError): string | undefined => (err.errno === null ? undefined : codeOf(err.errno)),
    },
    'wasi:filesystem/preopens': {
      getDirectories: (): Array<[Descriptor, string]> =>
        p1.preopens().map(([fd, name]) => {
          const writable = (p1.fdstat(fd).rights & Right.PATH_CREATE_FILE) !== 0n;
          return [new Descriptor(fd, { read: true, mutateDirectory: writable }, false), name];
        }),
    },
  };
}
