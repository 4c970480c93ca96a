import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import * as zlib from 'node:zlib';
import { WasmctlError } from '../../common/index.js';
import { type ArchiveMember, writeTar } from '../archive/tar-writer.js';
import { sha256Of } from '../blob-copy.js';
import { MediaType } from '../types.js';
import type { FileNode } from './file-tree.js';

export type LayerCompression = 'gzip' | 'zstd';

/** A blob written into the build's layout folder. */
export interface Blob {
  digest: string;
  size: number;
  mediaType: string;
}

export interface LayerBlob extends Blob {
  diffId: string;
}

/** Hashes and counts what passes through. */
class Digester extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
  digest(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}

type ZlibWithZstd = typeof zlib & { createZstdCompress?: () => Transform; zstdCompressSync?: (b: Buffer) => Buffer };

function zstd(): Required<Pick<ZlibWithZstd, 'createZstdCompress' | 'zstdCompressSync'>> {
  const { createZstdCompress, zstdCompressSync } = zlib as ZlibWithZstd;
  if (!createZstdCompress || !zstdCompressSync) {
    throw new WasmctlError('Unimplemented', `zstd layers need a node with zlib zstd (22.15 or later); this is ${process.version}`, {
      hint: 'use --compress gzip (the default)',
    });
  }
  return { createZstdCompress, zstdCompressSync };
}

const compressor = (kind: LayerCompression): Transform => (kind === 'gzip' ? zlib.createGzip() : zstd().createZstdCompress());
const compressSync = (kind: LayerCompression, bytes: Buffer): Buffer =>
  kind === 'gzip' ? zlib.gzipSync(bytes) : zstd().zstdCompressSync(bytes);

/**
 * Layers up to this size are made in memory with synchronous reads and compression: each async
 * file or zlib call is a thread-pool round trip, which on a loaded machine costs more than the work.
 * Larger ones stream through zlib on the thread pool, several layers at once (builder.ts).
 */
const SMALL_LAYER = 1024 * 1024;

const TYPES = { file: 'file', dir: 'directory', symlink: 'symlink' } as const;

/**
 * One layer tar as `buildah --timestamp` and ko write it: names sorted, every mtime the build's
 * timestamp, uid/gid as recorded (0 unless --chown), no user or group names. gzip output from
 * zlib carries no name or time, so the same files give the same digest on any machine.
 */
export async function writeLayer(
  entries: Array<[string, FileNode]>,
  mtime: Date,
  compression: LayerCompression,
  blobDir: string,
): Promise<LayerBlob> {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const members = sorted.map(([name, node]): ArchiveMember => {
    const header = {
      name: node.type === 'dir' ? `${name}/` : name,
      type: TYPES[node.type],
      mode: node.mode,
      uid: node.uid,
      gid: node.gid,
      uname: '',
      gname: '',
      mtime,
      ...(node.linkname !== undefined ? { linkname: node.linkname } : {}),
    };
    const content = node.type === 'file' ? node.content : undefined;
    if (!content) return { header, empty: true };
    return 'bytes' in content ? { header, bytes: content.bytes } : { header, path: content.path, size: node.size };
  });
  const mediaType = compression === 'gzip' ? `${MediaType.ociLayerTar}+gzip` : `${MediaType.ociLayerTar}+zstd`;
  const total = entries.reduce((sum, [, node]) => sum + node.size, 0);
  if (total <= SMALL_LAYER) {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        chunks.push(chunk);
        done();
      },
    });
    await writeTar(
      members.map((m) => ('path' in m ? { header: m.header, bytes: readFileSync(m.path) } : m)),
      [sink],
    );
    const tarBytes = Buffer.concat(chunks);
    const compressed = compressSync(compression, tarBytes);
    const digest = sha256Of(compressed);
    writeFileSync(join(blobDir, digest.slice(7)), compressed);
    return { digest, size: compressed.length, mediaType, diffId: sha256Of(tarBytes) };
  }
  const diff = new Digester();
  const blob = new Digester();
  const temp = join(blobDir, `.layer-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await writeTar(members, [diff, compressor(compression), blob, createWriteStream(temp)]);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  const digest = blob.digest();
  await rename(temp, join(blobDir, digest.slice(7)));
  return { digest, size: blob.size, mediaType, diffId: diff.digest() };
}
