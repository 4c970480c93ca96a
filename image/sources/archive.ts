import { createWriteStream } from 'node:fs';
import { mkdir, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WasmctlError, isWasmctlError } from '../../common/index.js';
import { exists } from '../exists.js';
import { entryPath, resolveInRoot } from '../safe-path.js';
import { forEachTarEntry } from '../tar-entries.js';
import type { ImageSource } from '../source.js';
import { dockerSaveSource } from './docker-save.js';
import { type LayoutOptions, LayoutSource } from './layout.js';

/** A tar archive is at least one 512-byte header. */
const TAR_BLOCK = 512;

function archiveError(err: unknown, what: string, bytesRead: number): WasmctlError {
  if (isWasmctlError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/invalid tar header/i.test(message) || bytesRead < TAR_BLOCK) {
    return new WasmctlError('InvalidArgument', `${what} is not a tar archive`, { cause: err });
  }
  if (/unexpected end/i.test(message)) return new WasmctlError('DataLoss', `${what} is truncated`, { cause: err });
  return new WasmctlError('DataLoss', `${what} could not be read: ${message}`, { cause: err });
}

/**
 * Unpacks an image archive's members into `dest` (a staging folder inside the store). Only files,
 * folders and symlinks are kept, and members are later read through resolveInRoot, so a hostile
 * archive cannot reach outside `dest`.
 */
export async function extractArchive(input: Readable, dest: string, what: string): Promise<void> {
  let bytesRead = 0;
  async function* counted(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    for await (const chunk of source) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  try {
    await forEachTarEntry(input, [counted], async (entry) => {
      const { header } = entry;
      const rel = entryPath(header.name, what);
      const parent = await resolveInRoot(dest, dirname(rel), true);
      await mkdir(parent, { recursive: true });
      const target = join(parent, basename(rel));
      if (rel !== '' && header.type === 'file') {
        await pipeline(entry as unknown as Readable, createWriteStream(target, { flags: 'wx' }));
        return;
      }
      entry.resume();
      if (rel === '') return;
      if (header.type === 'directory') await mkdir(target, { recursive: true });
      else if (header.type === 'symlink') await symlink(header.linkname ?? '', target);
    });
  } catch (err) {
    throw archiveError(err, what, bytesRead);
  }
  if (bytesRead === 0)
    throw new WasmctlError('InvalidArgument', `${what} is empty`, { hint: 'give an archive with -i FILE, or pipe one in' });
}

/** A folder holding a `docker save` tree or an OCI layout. */
export async function folderSource(dir: string, what: string, options: LayoutOptions): Promise<ImageSource> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new WasmctlError('NotFound', `${what} does not exist`);
  // docker save names its images in manifest.json: no borrowed names there.
  const { namedAfter: _unused, ...select } = options;
  if (await exists(join(dir, 'manifest.json'))) return dockerSaveSource(dir, what, select);
  if ((await exists(join(dir, 'index.json'))) || (await exists(join(dir, 'oci-layout')))) {
    return new LayoutSource(dir, what, options);
  }
  throw new WasmctlError('InvalidArgument', `${what} is not an image: it has neither manifest.json nor an OCI layout`, {
    hint: 'load a `docker save` / `buildah push docker-archive:` tar, an OCI archive or an OCI layout folder',
  });
}
