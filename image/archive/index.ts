/** archive/: images out of the store (or a build) as docker-archive, oci-archive or an OCI layout folder. */
import { cp, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson, readSmallFile, verifyBytes } from '../blob-copy.js';
import { normalizeReference } from '../reference.js';
import { resolveInRoot } from '../safe-path.js';
import type { ImageStore } from '../store.js';
import { Annotation, type Descriptor, IndexSchema, ManifestSchema, isIndexMediaType } from '../types.js';
import { type ArchiveEntry, type ArchiveImage, isArchiveIndex, writeDockerArchive, writeOciArchive } from './formats.js';
import { writeFileAtomically } from './tar-writer.js';

export type { ArchiveEntry, ArchiveImage };
export type ArchiveFormat = 'docker-archive' | 'oci-archive';

/** Entries by digest, in order: one asked for under two names is written once with both. */
function once<T extends ArchiveEntry>(entries: T[]): T[] {
  const byDigest = new Map<string, T>();
  for (const entry of entries) {
    const digest = isArchiveIndex(entry) ? entry.indexDigest : entry.manifestDigest;
    const known = byDigest.get(digest);
    if (known) known.names.push(...entry.names.filter((n) => !known.names.includes(n)));
    else byDigest.set(digest, entry);
  }
  return [...byDigest.values()];
}

/** Stored images by reference. */
export async function storedImages(store: ImageStore, references: string[]): Promise<ArchiveImage[]> {
  const images: ArchiveImage[] = [];
  for (const reference of references) {
    const image = await store.get(reference);
    const names = image.reference.startsWith('sha256:') ? [] : [image.reference];
    const manifestBytes = await readFile(store.blobFile(image.digest));
    const manifest = parseImageJson(manifestBytes, ManifestSchema, `the manifest of ${image.reference}`);
    images.push({ names, manifestDigest: image.digest, manifestBytes, manifest, blobFile: (d) => store.blobFile(d) });
  }
  return images;
}

/**
 * What an OCI layout folder's index.json names (a build's output, `oci:DIR`): its images and image
 * indexes (one level: what `build --platform a,b` and `skopeo copy --all` write), each read and
 * verified, under the full names their annotations give.
 */
export async function layoutEntries(dir: string, what = dir): Promise<ArchiveEntry[]> {
  const read = async (d: Descriptor, kind: string) => {
    const label = `${what}: ${kind} ${d.digest}`;
    return verifyBytes(await readSmallFile(await resolveInRoot(dir, `blobs/${d.digest.replace(':', '/')}`, true), label), d, label);
  };
  const image = async (d: Descriptor, names: string[]): Promise<ArchiveImage> => {
    const manifestBytes = await read(d, 'manifest');
    const manifest = parseImageJson(manifestBytes, ManifestSchema, `${what}: manifest ${d.digest}`);
    const blobFile = (digest: string) => join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
    return { names, manifestDigest: d.digest, manifestBytes, manifest, blobFile, ...(d.platform ? { platform: d.platform } : {}) };
  };
  const index = parseImageJson(await readSmallFile(join(dir, 'index.json'), `${what}: index.json`), IndexSchema, `${what}: index.json`);
  const entries: ArchiveEntry[] = [];
  for (const d of index.manifests) {
    const name = d.annotations?.[Annotation.containerdName] ?? d.annotations?.[Annotation.refName];
    const names = name && /[:/@]/.test(name) ? [normalizeReference(name)] : [];
    if (!isIndexMediaType(d.mediaType)) {
      entries.push(await image(d, names));
      continue;
    }
    const bytes = await read(d, 'index');
    const nested = parseImageJson(bytes, IndexSchema, `${what}: index ${d.digest}`);
    if (nested.manifests.some((m) => isIndexMediaType(m.mediaType))) {
      throw new WasmctlError('InvalidArgument', `${what}: index ${d.digest} holds another index, which an archive of it cannot name`);
    }
    entries.push({ names, indexDigest: d.digest, indexBytes: bytes, images: await Promise.all(nested.manifests.map((m) => image(m, []))) });
  }
  return entries;
}

export async function writeArchive(entries: ArchiveEntry[], format: ArchiveFormat, out: Writable): Promise<void> {
  if (entries.length === 0) throw new WasmctlError('InvalidArgument', 'no images to save');
  const distinct = once(entries);
  await (format === 'docker-archive' ? writeDockerArchive(distinct, out) : writeOciArchive(distinct, out));
}

/** The archive into `dest`, through a temp file: a failure leaves nothing at `dest`. */
export const saveArchive = (entries: ArchiveEntry[], format: ArchiveFormat, dest: string): Promise<void> =>
  writeFileAtomically(dest, (out) => writeArchive(entries, format, out));

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
