/** archive/: images out of the store (or a build) as docker-archive, oci-archive or an OCI layout folder. */
import { cp, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson } from '../blob-copy.js';
import type { ImageStore } from '../store.js';
import { ManifestSchema } from '../types.js';
import { type ArchiveImage, writeDockerArchive, writeOciArchive } from './formats.js';
import { writeFileAtomically } from './tar-writer.js';

export type { ArchiveImage };
export type ArchiveFormat = 'docker-archive' | 'oci-archive';

/** Stored images by reference; one image asked for under two names is written once with both. */
export async function storedImages(store: ImageStore, references: string[]): Promise<ArchiveImage[]> {
  const byDigest = new Map<string, ArchiveImage>();
  for (const reference of references) {
    const image = await store.get(reference);
    const known = byDigest.get(image.digest);
    const names = image.reference.startsWith('sha256:') ? [] : [image.reference];
    if (known) {
      known.names.push(...names.filter((n) => !known.names.includes(n)));
      continue;
    }
    const manifestBytes = await readFile(store.blobFile(image.digest));
    const manifest = parseImageJson(manifestBytes, ManifestSchema, `the manifest of ${image.reference}`);
    byDigest.set(image.digest, { names, manifestDigest: image.digest, manifestBytes, manifest, blobFile: (d) => store.blobFile(d) });
  }
  return [...byDigest.values()];
}

/** The image a build wrote into its layout folder. */
export function layoutImage(dir: string, names: string[], manifestDigest: string, manifestBytes: Buffer): ArchiveImage {
  const manifest = parseImageJson(manifestBytes, ManifestSchema, `the manifest in ${dir}`);
  return { names, manifestDigest, manifestBytes, manifest, blobFile: (d) => join(dir, 'blobs', 'sha256', d.slice('sha256:'.length)) };
}

export async function writeArchive(images: ArchiveImage[], format: ArchiveFormat, out: Writable): Promise<void> {
  if (images.length === 0) throw new WasmctlError('InvalidArgument', 'no images to save');
  await (format === 'docker-archive' ? writeDockerArchive(images, out) : writeOciArchive(images, out));
}

/** The archive into `dest`, through a temp file: a failure leaves nothing at `dest`. */
export const saveArchive = (images: ArchiveImage[], format: ArchiveFormat, dest: string): Promise<void> =>
  writeFileAtomically(dest, (out) => writeArchive(images, format, out));

/** A build's layout folder copied to `dest` (buildx `--output type=oci,tar=false`). */
export async function copyLayout(dir: string, dest: string): Promise<void> {
  if (
    await stat(dest).then(
      () => true,
      () => false,
    )
  ) {
    throw new WasmctlError('AlreadyExists', `${dest} already exists`, { hint: 'give a new folder as dest=, or remove this one' });
  }
  await cp(dir, dest, { recursive: true, errorOnExist: true, force: false });
}
