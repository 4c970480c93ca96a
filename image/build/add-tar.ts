import { Readable, Transform } from 'node:stream';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WasmctlError } from '../../common/index.js';
import { SizeBudget, decompressorFor, peek } from '../compression.js';
import { entryPath } from '../safe-path.js';
import { forEachTarEntry } from '../tar-entries.js';
import type { FileNode } from './file-tree.js';

/** ADD of a local tar extracts it; a tar this large in a Wasm build context is a mistake or a bomb. */
const MAX_TAR_BYTES = 1024 ** 3;

const isTar = (head: Buffer) => head.subarray(257, 262).toString('latin1') === 'ustar';

/**
 * ADD's local-archive rule: a (gzip/zstd) tar is unpacked at the destination, anything else is
 * copied. Each file streams into its own file under `unpackDir()` (the layer reads it from there),
 * so no archive is held in memory; names are kept inside the destination.
 */
export async function readTarSource(
  node: FileNode,
  where: string,
  unpackDir: () => Promise<string>,
): Promise<Array<[string, FileNode]> | undefined> {
  const content = node.content;
  if (!content) return undefined;
  const open = () => ('bytes' in content ? Readable.from([content.bytes]) : createReadStream(content.path));
  const budget = new SizeBudget(MAX_TAR_BYTES);
  const { head, stream } = await peek(open(), 4);
  const decompress = decompressorFor(head, budget);
  const { head: tarHead, stream: plain } = await peek(decompress ? stream.pipe(decompress) : stream, 512);
  if (!isTar(tarHead)) {
    plain.destroy();
    return undefined;
  }
  const out: Array<[string, FileNode]> = [];
  const what = `${where}: ADD's archive`;
  let dir: string | undefined;
  await forEachTarEntry(plain, [], async (entry) => {
    const { header } = entry;
    const name = entryPath(header.name, what);
    const base = { mode: (header.mode ?? 0o644) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0 };
    if (header.type !== 'file' || name === '') entry.resume();
    if (name === '') return;
    if (header.type === 'file') {
      dir ??= await mkdtemp(join(await unpackDir(), 'add-'));
      const path = join(dir, `${out.length}`);
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          try {
            budget.take(chunk.length, what);
            done(null, chunk);
          } catch (err) {
            done(err as Error);
          }
        },
      });
      await pipeline(entry, counted, createWriteStream(path));
      out.push([name, { ...base, type: 'file', size, content: { path } }]);
    } else if (header.type === 'directory') out.push([name, { ...base, type: 'dir', size: 0 }]);
    else if (header.type === 'symlink') out.push([name, { ...base, type: 'symlink', size: 0, linkname: header.linkname ?? '' }]);
    else {
      throw new WasmctlError(
        'InvalidArgument',
        `${what} holds ${header.name}, a ${header.type}: only files, folders and symlinks go into a Wasm image`,
      );
    }
  });
  return out;
}
