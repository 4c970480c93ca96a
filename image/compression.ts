import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { WasmctlError } from '../common/index.js';

/** Shared by every layer of one image: a gzip or zstd bomb stops at the cap, not at the disk's end. */
export class SizeBudget {
  used = 0;
  constructor(readonly cap: number) {}

  take(bytes: number, what: string): void {
    this.used += bytes;
    if (this.used > this.cap) {
      throw new WasmctlError('ResourceExhausted', `${what} unpacks to more than ${this.cap} bytes`, {
        hint: 'raise the cap with WASMCTL_MAX_UNPACKED_BYTES if the image is trusted',
      });
    }
  }
}

export type Compression = 'gzip' | 'zstd' | 'none';

export async function sniffCompression(path: string): Promise<Compression> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return compressionOf(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

/** The compression of a stream, by the magic in its first four bytes. */
export function compressionOf(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.subarray(0, 4).equals(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** fzstd decodes a whole pushed chunk at once, so the cap is checked inside, before memory grows. */
class ZstdDecompress extends Transform {
  private produced = 0;
  private readonly decoder = new Decompress((chunk) => {
    this.produced += chunk.length;
    if (this.produced > this.maxBytes) throw new WasmctlError('ResourceExhausted', 'zstd stream too large');
    this.push(Buffer.from(chunk));
  });

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      done();
    } catch (err) {
      done(err as Error);
    }
  }
}

/** Counts and hashes the uncompressed bytes: the digest is the layer's diff_id. */
export class DiffHasher extends Transform {
  private readonly hash = createHash('sha256');

  constructor(
    private readonly budget: SizeBudget,
    private readonly what: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.budget.take(chunk.length, this.what);
    } catch (err) {
      done(err as Error);
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}

/** A pipeline stage: bytes in, bytes out. */
export type Stage = NodeJS.ReadWriteStream | ((source: AsyncIterable<Buffer>) => AsyncIterable<Buffer>);

/** gunzip's output per call on the thread pool: 1 MiB costs ~half of 256 KiB per byte, 4 MiB less again; each becomes one file write. */
const GUNZIP_CHUNK = 4 * 1024 * 1024;

/**
 * The first `n` bytes of `input` (fewer only if it ends sooner), read without consuming them: they
 * are put back, and `stream` yields every byte from the start. Lets a layer's compression be sniffed
 * by magic while it downloads, then the whole pipeline be built of plain streams (no generator hop).
 */
export function peek(input: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (ended: boolean) => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      input.off('error', onError);
      const head = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      if (!ended) {
        if (size > 0) input.unshift(head);
        resolve({ head, stream: input });
      } else resolve({ head, stream: Readable.from(size > 0 ? [head] : [], { objectMode: false }) });
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (size < n && (chunk = input.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        size += chunk.length;
      }
      if (size >= n) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (err: Error) => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      reject(err);
    };
    input.on('error', onError);
    input.on('end', onEnd);
    input.on('readable', onReadable);
  });
}

/** The stage that turns a blob's bytes into its uncompressed bytes, given the blob's first bytes; none when it is not compressed. */
export function decompressorFor(head: Buffer, budget: SizeBudget): Transform | undefined {
  const kind = compressionOf(head);
  if (kind === 'none') return undefined;
  return kind === 'gzip' ? createGunzip({ chunkSize: GUNZIP_CHUNK }) : new ZstdDecompress(budget.cap - budget.used + 1);
}

export const openBlobFile = (path: string) => createReadStream(path, { highWaterMark: 1024 * 1024 });
