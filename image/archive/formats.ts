import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { WasmctlError } from '../../common/index.js';
import { SizeBudget, decompressorFor, peek } from '../compression.js';
import { parseImageJson, readSmallFile } from '../blob-copy.js';
import { selectManifest } from '../platform.js';
import { displayName } from '../reference.js';
import { Annotation, ImageConfigSchema, type Manifest, MediaType, type Platform } from '../types.js';
import { type ArchiveMember, fileHeader, writeTar } from './tar-writer.js';

/** One image to write out: its manifest and where each of its blobs is. */
export interface ArchiveImage {
  names: string[];
  manifestDigest: string;
  manifestBytes: Buffer;
  manifest: Manifest;
  blobFile(digest: string): string;
  /** Its platform in the index that holds it. */
  platform?: Platform;
}

/** A multi-platform image (`build --platform a,b`): its index and each platform's image, named as a whole. */
export interface ArchiveIndex {
  names: string[];
  indexDigest: string;
  indexBytes: Buffer;
  images: ArchiveImage[];
}

export type ArchiveEntry = ArchiveImage | ArchiveIndex;

export const isArchiveIndex = (entry: ArchiveEntry): entry is ArchiveIndex => 'images' in entry;

const hex = (digest: string) => digest.slice('sha256:'.length);
const blobName = (digest: string) => `blobs/sha256/${hex(digest)}`;
const imagesOf = (entry: ArchiveEntry): ArchiveImage[] => (isArchiveIndex(entry) ? entry.images : [entry]);

async function fileMember(name: string, path: string): Promise<ArchiveMember> {
  return { header: fileHeader(name), path, size: (await stat(path)).size };
}

/** What the Wasm artifact's config says a docker archive cannot hold. */
function refuseWasmArtifact(image: ArchiveImage, name: string): void {
  if (image.manifest.config.mediaType !== MediaType.wasmConfig) return;
  throw new WasmctlError('InvalidArgument', `${name} is a Wasm OCI artifact, which a docker archive cannot hold`, {
    hint: 'save it with --format oci-archive',
  });
}

/** oci-layout and every blob of every entry (indexes, manifests, configs, layers), each once. */
async function* layoutBlobs(entries: ArchiveEntry[]): AsyncGenerator<ArchiveMember> {
  yield { header: fileHeader('oci-layout'), bytes: Buffer.from('{"imageLayoutVersion":"1.0.0"}') };
  const written = new Set<string>();
  const once = (digest: string) => {
    if (written.has(digest)) return false;
    written.add(digest);
    return true;
  };
  for (const entry of entries) {
    for (const image of imagesOf(entry)) {
      for (const d of [image.manifest.config, ...image.manifest.layers]) {
        if (once(d.digest)) yield fileMember(blobName(d.digest), image.blobFile(d.digest));
      }
      if (once(image.manifestDigest)) yield { header: fileHeader(blobName(image.manifestDigest)), bytes: image.manifestBytes };
    }
    if (isArchiveIndex(entry) && once(entry.indexDigest))
      yield { header: fileHeader(blobName(entry.indexDigest)), bytes: entry.indexBytes };
  }
}

/** index.json: each entry under each of its names, an index as an index (what `skopeo copy --all … oci-archive:` writes). */
function indexJson(entries: ArchiveEntry[]): ArchiveMember {
  const descriptor = (entry: ArchiveEntry) =>
    isArchiveIndex(entry)
      ? { mediaType: MediaType.ociIndex, digest: entry.indexDigest, size: entry.indexBytes.length }
      : { mediaType: entry.manifest.mediaType ?? MediaType.ociManifest, digest: entry.manifestDigest, size: entry.manifestBytes.length };
  const manifests = entries.flatMap((entry) =>
    entry.names.length === 0
      ? [descriptor(entry)]
      : entry.names.map((name) => ({
          ...descriptor(entry),
          annotations: { [Annotation.refName]: name, [Annotation.containerdName]: name },
        })),
  );
  return {
    header: fileHeader('index.json'),
    bytes: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests })),
  };
}

/** An OCI image layout as one tar (what `buildah push oci-archive:` and buildx `type=oci` write). */
export async function writeOciArchive(entries: ArchiveEntry[], out: Writable): Promise<void> {
  async function* members(): AsyncGenerator<ArchiveMember> {
    yield* layoutBlobs(entries);
    yield indexJson(entries);
  }
  await writeTar(members(), [out]);
}

const familiar = (name: string) => {
  const { repository, tag } = displayName(name);
  return `${repository}:${tag}`;
};

/**
 * `docker save`'s format (what `docker load` and `skopeo copy docker-archive:` read): per image a
 * `<config>.json`, layers uncompressed as `<diff_id>.tar`, and manifest.json naming them with the
 * images' RepoTags. With an image index among them, Docker 25's layout instead (dockerLayoutArchive).
 */
export async function writeDockerArchive(entries: ArchiveEntry[], out: Writable): Promise<void> {
  for (const entry of entries) for (const image of imagesOf(entry)) refuseWasmArtifact(image, entry.names[0] ?? image.manifestDigest);
  if (entries.some(isArchiveIndex)) return writeTar(dockerLayoutMembers(entries), [out]);
  const images = entries as ArchiveImage[];
  const scratch = await mkdtemp(join(tmpdir(), 'wasmctl-save-'));
  try {
    async function* members(): AsyncGenerator<ArchiveMember> {
      const manifestJson: Array<{ Config: string; RepoTags: string[]; Layers: string[] }> = [];
      const written = new Set<string>();
      for (const image of images) {
        const configPath = image.blobFile(image.manifest.config.digest);
        const config = parseImageJson(
          await readSmallFile(configPath, configPath),
          ImageConfigSchema,
          `config ${image.manifest.config.digest}`,
        );
        const configName = `${hex(image.manifest.config.digest)}.json`;
        if (!written.has(configName)) yield fileMember(configName, configPath);
        written.add(configName);
        const layers: string[] = [];
        for (const [i, layer] of image.manifest.layers.entries()) {
          const name = `${hex(config.rootfs.diff_ids[i] ?? layer.digest)}.tar`;
          layers.push(name);
          if (written.has(name)) continue;
          written.add(name);
          const plain = join(scratch, name);
          await uncompressed(image.blobFile(layer.digest), plain);
          yield fileMember(name, plain);
        }
        manifestJson.push({ Config: configName, RepoTags: image.names.map(familiar), Layers: layers });
      }
      yield { header: fileHeader('manifest.json'), bytes: Buffer.from(JSON.stringify(manifestJson)) };
    }
    await writeTar(members(), [out]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * What `docker save` of a multi-platform image writes (Docker 25+, containerd's exporter): the OCI
 * layout with the index under its names, and manifest.json with one entry per platform image,
 * pointing into blobs/, so that a loader that reads only manifest.json (`skopeo copy
 * docker-archive:FILE:@N`, older docker) finds each. The names go on the platform `load` and `run`
 * pick by default alone: one name on two entries would leave the loader to guess.
 */
async function* dockerLayoutMembers(entries: ArchiveEntry[]): AsyncGenerator<ArchiveMember> {
  yield* layoutBlobs(entries);
  yield indexJson(entries);
  const manifestJson = entries.flatMap((entry) => {
    const chosen = isArchiveIndex(entry) ? defaultImage(entry) : entry;
    return imagesOf(entry).map((image) => ({
      Config: blobName(image.manifest.config.digest),
      RepoTags: image === chosen ? entry.names.map(familiar) : [],
      Layers: image.manifest.layers.map((l) => blobName(l.digest)),
    }));
  });
  yield { header: fileHeader('manifest.json'), bytes: Buffer.from(JSON.stringify(manifestJson)) };
}

function defaultImage(entry: ArchiveIndex): ArchiveImage {
  const descriptors = entry.images.map((image) => ({
    mediaType: MediaType.ociManifest,
    digest: image.manifestDigest,
    size: image.manifestBytes.length,
    ...(image.platform ? { platform: image.platform } : {}),
  }));
  const { digest } = selectManifest(descriptors, undefined, `index ${entry.indexDigest}`);
  return entry.images.find((image) => image.manifestDigest === digest) as ArchiveImage;
}

async function uncompressed(from: string, to: string): Promise<void> {
  const { head, stream } = await peek(createReadStream(from), 4);
  const decompress = decompressorFor(head, new SizeBudget(Number.MAX_SAFE_INTEGER));
  await pipeline([stream, ...(decompress ? [decompress] : []), createWriteStream(to)] as unknown as NodeJS.ReadWriteStream[]);
}
