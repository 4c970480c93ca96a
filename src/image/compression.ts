import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
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
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head.equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zstd';
    return 'none';
  } finally {
    await file.close();
  }
}

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

/** The stages that turn a blob file into its uncompressed bytes, compression sniffed by magic. */
export async function decompressedStages(path: string, budget: SizeBudget): Promise<NodeJS.ReadWriteStream[]> {
  const kind = await sniffCompression(path);
  if (kind === 'gzip') return [createGunzip({ chunkSize: 256 * 1024 })];
  if (kind === 'zstd') return [new ZstdDecompress(budget.cap - budget.used + 1)];
  return [];
}

export const openBlobFile = (path: string) => createReadStream(path, { highWaterMark: 256 * 1024 });
