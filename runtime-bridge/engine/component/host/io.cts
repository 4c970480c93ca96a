/**
 * wasi:io (error, poll, streams). Every stream here is synchronous — files, stdio and FIFOs are
 * read and written with blocking preview 1 calls in the component's own worker — so a stream is
 * always ready and only clock pollables ever wait.
 */
import { Errno } from '../../wasi/errno.cjs';
import { sleepMs } from '../../wasi/sleep.cjs';
import { Preview1Failure } from './preview1-bridge.cjs';

/** Most bytes a write may carry at once (check-write's answer). */
const WRITE_BUDGET = 1n << 20n;
const NS_PER_MS = 1_000_000n;

/** Disposal of host resources the component drops (jco calls this symbol). */
export const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

export class IoError {
  constructor(
    readonly message: string,
    /** The preview 1 errno behind it, when a file operation failed. */
    readonly errno: number | null = null,
  ) {}

  toDebugString(): string {
    return this.message;
  }
}

export class Pollable {
  /** `readyAt`: a monotonic instant in ns; null for always ready. */
  constructor(readonly readyAt: bigint | null = null) {}

  ready(): boolean {
    return this.readyAt === null || process.hrtime.bigint() >= this.readyAt;
  }

  block(): void {
    if (this.readyAt === null) return;
    const wait = this.readyAt - process.hrtime.bigint();
    if (wait > 0n) sleepMs(Number((wait + NS_PER_MS - 1n) / NS_PER_MS));
  }
}

/** wasi:io/poll.poll: blocks until at least one is ready, returns the indices of the ready ones. */
export function poll(list: Pollable[]): Uint32Array {
  if (list.length === 0) throw new TypeError('poll of an empty list');
  if (!list.some((p) => p.ready())) {
    const first = list.reduce((a, b) => ((a.readyAt ?? 0n) <= (b.readyAt ?? 0n) ? a : b));
    first.block();
  }
  return Uint32Array.from(list.flatMap((p, i) => (p.ready() ? [i] : [])));
}

/** A stream-error variant, thrown so jco's glue hands it to the component as the `err` case. */
export function streamError(err: unknown): never {
  if (err instanceof Preview1Failure) {
    if (err.errno === Errno.PIPE) throw { tag: 'closed' };
    throw { tag: 'last-operation-failed', val: new IoError(`write failed (wasi errno ${err.errno})`, err.errno) };
  }
  throw err;
}

/** What an InputStream reads from: up to `len` bytes, an empty array at the end. */
export type ReadSource = (len: number) => Uint8Array;
export type WriteSink = (data: Uint8Array) => void;

export class InputStream {
  private ended = false;

  constructor(private readonly source: ReadSource) {}

  read(len: bigint): Uint8Array {
    if (this.ended) throw { tag: 'closed' };
    let data: Uint8Array;
    try {
      data = this.source(Number(len > WRITE_BUDGET ? WRITE_BUDGET : len));
    } catch (err) {
      return streamError(err);
    }
    if (data.length === 0 && len > 0n) {
      this.ended = true;
      throw { tag: 'closed' };
    }
    return data;
  }

  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }

  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }

  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }

  subscribe(): Pollable {
    return new Pollable();
  }
}

export class OutputStream {
  constructor(private readonly sink: WriteSink) {}

  checkWrite(): bigint {
    return WRITE_BUDGET;
  }

  write(data: Uint8Array): void {
    try {
      this.sink(data);
    } catch (err) {
      streamError(err);
    }
  }

  blockingWriteAndFlush(data: Uint8Array): void {
    this.write(data);
  }

  flush(): void {}

  blockingFlush(): void {}

  subscribe(): Pollable {
    return new Pollable();
  }

  writeZeroes(len: bigint): void {
    // In pieces: the guest chooses len, and a host buffer of that size would pass --memory.
    const chunk = new Uint8Array(Math.min(Number(len), Number(WRITE_BUDGET)));
    for (let left = len; left > 0n; left -= BigInt(chunk.length))
      this.write(left >= BigInt(chunk.length) ? chunk : chunk.subarray(0, Number(left)));
  }

  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }

  splice(from: InputStream, len: bigint): bigint {
    const data = from.read(len);
    this.write(data);
    return BigInt(data.length);
  }

  blockingSplice(from: InputStream, len: bigint): bigint {
    return this.splice(from, len);
  }
}

/** A sink that writes all of `data` (a preview 1 write may be short). */
export function writeAll(write: (data: Uint8Array) => number): WriteSink {
  return (data) => {
    for (let done = 0; done < data.length;) {
      const n = write(data.subarray(done));
      if (n === 0) throw new Preview1Failure(Errno.IO);
      done += n;
    }
  };
}
